package io.strata.contracts.storage;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: take a read-only, copy-on-write snapshot of a volume. Answered with
 * {@link SnapshotCreated} or {@link StorageRequestFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param volumeId the volume to snapshot
 * @param snapshotId the new snapshot's id
 * @param position where the data stands, in the engine's terms (a PostgreSQL LSN, say); may be {@code null}
 * @param positionTime the moment the data corresponds to; {@code null} for now
 * @param metadata anything else the requester wants kept with the snapshot (engine version, ...)
 */
@EventType(value = "SnapshotRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotRequested(String requestId, String volumeId, String snapshotId, String position,
        Instant positionTime,
        Map<String, String> metadata) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
