package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a snapshot is gone (answer to {@link DeleteSnapshotRequested}, or removed by retention).
 *
 * @param requestId the request this answers, or {@code null} for retention
 * @param snapshotId the deleted snapshot
 * @param dataset its dataset
 * @param reason why: {@code requested} or {@code retention}
 */
@EventType(value = "SnapshotDeleted", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotDeleted(String requestId, String snapshotId, String dataset, String reason) implements Event {

    @Override
    public String subject() {
        return dataset != null ? dataset : snapshotId;
    }
}
