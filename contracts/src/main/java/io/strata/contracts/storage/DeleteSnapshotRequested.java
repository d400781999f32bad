package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: delete a snapshot. Refused (status 409) while clones, child snapshots
 * or holds depend on it. Answered with {@link SnapshotDeleted} or {@link StorageRequestFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param snapshotId the snapshot to delete
 */
@EventType(value = "DeleteSnapshotRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteSnapshotRequested(String requestId, String snapshotId) implements Event {

    @Override
    public String subject() {
        return snapshotId;
    }
}
