package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: destroy a volume (its export first). Its snapshots stay. Answered with
 * {@link VolumeDeleted} or {@link StorageRequestFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param volumeId the volume to delete
 */
@EventType(value = "DeleteVolumeRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteVolumeRequested(String requestId, String volumeId) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
