package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: create an empty writable volume for a dataset (a source's staging copy,
 * say). Answered with {@link VolumeCreated} or {@link StorageRequestFailed}, both carrying {@code requestId}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param volumeId the new volume's id (lower-case letters, digits and dashes; a UUID is fine)
 * @param dataset the dataset the volume belongs to
 * @param requestedBy who asked, for the audit trail
 */
@EventType(value = "CreateVolumeRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateVolumeRequested(String requestId, String volumeId, String dataset,
        String requestedBy) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
