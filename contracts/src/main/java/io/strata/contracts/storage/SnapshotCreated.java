package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact: a snapshot was taken (answer to {@link SnapshotRequested}, or taken by the service itself).
 *
 * @param requestId the request this answers, or {@code null}
 * @param snapshot the new snapshot
 */
@EventType(value = "SnapshotCreated", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotCreated(String requestId, SnapshotView snapshot) implements Reply {

    @Override
    public String subject() {
        return snapshot.dataset();
    }
}
