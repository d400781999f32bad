package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact, answering a data pod's command ({@link PodVdbCreateRequested}, {@link PodVdbSnapshotRequested},
 * {@link PodVdbMoveRequested}, {@link PodVdbDeleteRequested}): it is done.
 *
 * @param requestId the request this answers
 * @param vdbId the virtual database
 * @param snapshotId the snapshot a snapshot command took, or the one the virtual database now runs on
 */
@EventType(value = "PodVdbDone", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbDone(String requestId, String vdbId, String snapshotId) implements Reply {

    @Override
    public String subject() {
        return vdbId;
    }
}
