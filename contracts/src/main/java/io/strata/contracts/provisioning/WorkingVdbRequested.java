package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the provisioning service: make a working virtual database, private to the service that asks, on this
 * host: a clone of {@code snapshotId} in a volume of {@code dataset}, with an engine started on it whose user is
 * {@code user} (the password is in the shared secret store under {@code vdbId}, never in an event). It is not listed
 * with the users' virtual databases and users cannot change it; only its owner's {@link StopWorkingVdbRequested} and
 * {@link DeleteWorkingVdbRequested} do. Answered with {@link WorkingVdbReady} or {@link WorkingVdbFailed}; a snapshot
 * the provisioning service has not heard of yet is waited for.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param vdbId the new virtual database's id, chosen by the requester so that a repeated request makes one
 * @param name its name, for logs and the engine's cluster name
 * @param snapshotId the snapshot to clone
 * @param volumeId the clone's volume id, chosen by the requester (it may snapshot the volume itself)
 * @param dataset the dataset the clone, and every snapshot of it, belongs to (a masked dataset, say)
 * @param user the engine's database user; a superuser when the requester rewrites the database
 * @param purpose what it is for, e.g. {@code masking} or {@code profiling}
 */
@EventType(value = "WorkingVdbRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkingVdbRequested(String requestId, String vdbId, String name, String snapshotId, String volumeId,
        String dataset, String user, String purpose) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
