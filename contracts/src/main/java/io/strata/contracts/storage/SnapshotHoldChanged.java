package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact: the holders of a snapshot changed (answer to {@link HoldSnapshotRequested} and
 * {@link ReleaseSnapshotRequested}, so a step waiting on one of them moves on with it).
 *
 * @param requestId the request this answers
 * @param snapshotId the snapshot
 * @param holder the holder that was added or removed
 * @param held whether the holder now holds it
 */
@EventType(value = "SnapshotHoldChanged", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotHoldChanged(String requestId, String snapshotId, String holder, boolean held) implements Reply {

    @Override
    public String subject() {
        return snapshotId;
    }
}
