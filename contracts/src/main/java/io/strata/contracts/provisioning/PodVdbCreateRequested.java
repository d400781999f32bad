package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command from the catalog service: make a user's virtual database of a data pod from a snapshot, on this host,
 * owned by the pod's owner. Answered by {@link PodVdbDone} once it accepts connections, or {@link PodVdbFailed}. The
 * catalog has checked that the owner may have this data; a repeated command is answered once.
 *
 * @param requestId the request the answer names
 * @param vdbId the id the virtual database gets (chosen by the catalog, so that a retry makes no second one)
 * @param name its name, unique among virtual databases
 * @param snapshotId the snapshot it starts from
 * @param owner the user who owns it
 * @param pod the data pod it belongs to
 * @param credentialsNamespace for a data pod made by a Kubernetes resource, the namespace where the virtual database's
 *        credentials are kept in a Secret ({@code <name>-credentials}); {@code null} for none
 */
@EventType(value = "PodVdbCreateRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbCreateRequested(String requestId, String vdbId, String name, String snapshotId, String owner,
        String pod, String credentialsNamespace) implements Event {

    /** A command for a data pod made over REST: no Secret. */
    public PodVdbCreateRequested(String requestId, String vdbId, String name, String snapshotId, String owner,
            String pod) {
        this(requestId, vdbId, name, snapshotId, owner, pod, null);
    }

    @Override
    public String subject() {
        return vdbId;
    }
}
