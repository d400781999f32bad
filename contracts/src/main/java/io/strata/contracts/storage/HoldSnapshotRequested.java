package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: keep a snapshot (a bookmark points at it) until the holder releases it;
 * neither retention nor a delete request removes a held snapshot. Answered with {@link SnapshotHoldChanged}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param snapshotId the snapshot to keep
 * @param holder who holds it, e.g. {@code bookmark:<id>}
 */
@EventType(value = "HoldSnapshotRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HoldSnapshotRequested(String requestId, String snapshotId, String holder) implements Event {

    @Override
    public String subject() {
        return snapshotId;
    }
}
