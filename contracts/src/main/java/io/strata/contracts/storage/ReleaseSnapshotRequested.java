package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: the holder no longer needs the snapshot. Answered with
 * {@link SnapshotHoldChanged}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param snapshotId the snapshot
 * @param holder the holder that releases it
 */
@EventType(value = "ReleaseSnapshotRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReleaseSnapshotRequested(String requestId, String snapshotId, String holder) implements Event {

    @Override
    public String subject() {
        return snapshotId;
    }
}
