package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command from the catalog service: put a data pod's virtual database on the data of a snapshot, keeping its name,
 * port and credentials: a rewind when the snapshot is on its own timeline (a pod bookmark, the state an undo returns
 * to), a refresh when it is its parent's. Answered by {@link PodVdbDone}, or {@link PodVdbFailed} (the virtual
 * database then runs on the data it had).
 *
 * @param requestId the request the answer names
 * @param vdbId the virtual database
 * @param snapshotId the snapshot whose data it runs on afterwards
 */
@EventType(value = "PodVdbMoveRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbMoveRequested(String requestId, String vdbId, String snapshotId) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
