package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: remove a volume's NFS export. Answered with {@link ExportRemoved} or
 * {@link StorageRequestFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param volumeId the volume whose export goes
 */
@EventType(value = "UnexportRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnexportRequested(String requestId, String volumeId) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
