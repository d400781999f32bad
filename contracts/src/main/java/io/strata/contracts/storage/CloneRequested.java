package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: make a new writable volume from a snapshot, copy-on-write, in constant time.
 * Answered with {@link CloneCreated} or {@link StorageRequestFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param snapshotId the snapshot to clone
 * @param volumeId the new volume's id
 * @param dataset the dataset the new volume belongs to (a virtual database, a masked dataset, ...)
 * @param requestedBy who asked, for the audit trail
 */
@EventType(value = "CloneRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloneRequested(String requestId, String snapshotId, String volumeId, String dataset,
        String requestedBy) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
