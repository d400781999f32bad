package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command from the catalog service: snapshot a data pod's virtual database onto its own timeline (for a pod
 * bookmark, or to keep the state an undo returns to). Answered by {@link PodVdbDone} with the snapshot, or
 * {@link PodVdbFailed}.
 *
 * @param requestId the request the answer names
 * @param vdbId the virtual database
 */
@EventType(value = "PodVdbSnapshotRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbSnapshotRequested(String requestId, String vdbId) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
