package io.strata.contracts.provisioning;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command from the catalog service: put a data pod's virtual database on the data of a snapshot, keeping its name,
 * port and credentials: a rewind when the snapshot is on its own timeline (a pod bookmark, the state an undo returns
 * to), a refresh when it is another dataset's (its parent's, or the newest data of its pod's template). With a
 * recovery time it is a rewind to that moment of the virtual database's current life: the snapshot is then
 * {@code null} and the provisioning service picks the one to replay its log from. Answered by {@link PodVdbDone}, or {@link PodVdbFailed} (the virtual
 * database then runs on the data it had).
 *
 * @param requestId the request the answer names
 * @param vdbId the virtual database
 * @param snapshotId the snapshot whose data it runs on afterwards; {@code null} with a recovery time
 * @param recoveryTime the moment of its own timeline to recover to, or {@code null} for the snapshot's data as is
 */
@EventType(value = "PodVdbMoveRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbMoveRequested(String requestId, String vdbId, String snapshotId, Instant recoveryTime)
        implements
            Event {

    /** A move to a snapshot's data as is. */
    public PodVdbMoveRequested(String requestId, String vdbId, String snapshotId) {
        this(requestId, vdbId, snapshotId, null);
    }

    @Override
    public String subject() {
        return vdbId;
    }
}
