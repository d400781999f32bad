package io.strata.provisioning.vdb;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.operations.OperationMachine;
import io.strata.common.operations.OperationStep;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.provisioning.DeleteWorkingVdbRequested;
import io.strata.contracts.provisioning.StopWorkingVdbRequested;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.provisioning.WorkingVdbFailed;
import io.strata.contracts.provisioning.WorkingVdbRequested;
import io.strata.contracts.provisioning.WorkingVdbStopped;
import io.strata.engine.SnapshotMetadata;
import io.strata.provisioning.known.KnownSnapshot;

/**
 * Working virtual databases: private ones another service asks for itself (the masking service's working clones, on
 * which it masks or profiles), made, stopped and deleted by the same operations as the users' ones but on that
 * service's commands, and answered by events. They run on this host (the storage host, where clones are local, so
 * nothing is exported), their clone belongs to the dataset the owner names (the masked dataset, so that a snapshot
 * of it lands on that timeline), their user is the one the owner names (a superuser, to rewrite the database) and
 * they keep no log of their own (they are never rewound). The API shows them by id, with their purpose, and refuses
 * to change them: only their owner knows when one is no longer used.
 */
@ApplicationScoped
public class WorkingVdbs {

    @Inject
    VdbService vdbs;

    @Inject
    VdbContexts contexts;

    @Inject
    OperationMachine operations;

    @Inject
    SecretStore secrets;

    @Inject
    EventPublisher events;

    /**
     * Makes a working virtual database, once: a repeated request is ignored (the first one's answer comes). When the
     * snapshot has not been heard of yet (its owner may hear of it first), it waits for it ({@link #snapshotKnown}).
     */
    @Transactional
    public void request(WorkingVdbRequested request) {
        if (Vdb.findById(request.vdbId()) != null) {
            return;
        }
        Vdb vdb;
        try {
            vdb = vdbs.commanded(request.vdbId(), request.name(), request.snapshotId(), request.requestId());
        } catch (ApiException e) {
            refuse(request.requestId(), request.vdbId(), e.getMessage());
            return;
        }
        vdb.parent = request.dataset();
        vdb.volumeId = request.volumeId();
        vdb.parameters.put("user", request.user());
        // The owner rewrites the whole database as this user: an engine whose users need grants gives it all of them.
        vdb.parameters.put("superuser", true);
        vdb.databaseUser = request.user();
        vdb.purpose = request.purpose();
        vdb.volumeDataset = request.dataset();
        vdbs.store(vdb);
        KnownSnapshot snapshot = KnownSnapshot.findById(request.snapshotId());
        if (snapshot == null) {
            Log.infof("Working virtual database %s (%s) waits for snapshot %s to be announced", vdb.name,
                    vdb.purpose, vdb.snapshotId);
            return;
        }
        provision(vdb, snapshot);
    }

    /** A snapshot was announced: the working virtual databases waiting for it are provisioned. */
    @Transactional
    public void snapshotKnown(KnownSnapshot snapshot) {
        for (Vdb vdb : Vdb.<Vdb>list("snapshotId = ?1 and status = ?2 and purpose is not null", snapshot.id,
                Vdb.Status.PROVISIONING)) {
            if (OperationStep.ofResource(vdb.id) == null) {
                provision(vdb, snapshot);
            }
        }
    }

    private void provision(Vdb vdb, KnownSnapshot snapshot) {
        if (snapshot.deleted) {
            fail(vdb, "Snapshot " + snapshot.id + " was deleted; nothing can be cloned from it.");
            return;
        }
        Map<String, String> metadata = snapshot.metadata == null ? Map.of() : snapshot.metadata;
        try {
            vdb.engine = contexts.plugin(metadata.getOrDefault(SnapshotMetadata.ENGINE.key(), "files")).name();
        } catch (ApiException e) {
            fail(vdb, e.getMessage());
            return;
        }
        vdb.parent = snapshot.dataset;
        vdb.databaseName = SnapshotMetadata.DATABASE.in(metadata);
        operations.start(VdbOperation.PROVISION, vdb.id, VdbWork.clone(snapshot.id, vdb.volumeId, null), vdb.purpose);
        Log.infof("Provisioning working virtual database %s (%s) from snapshot %s", vdb.name, vdb.purpose,
                snapshot.id);
    }

    /** Stops a working virtual database's engine cleanly; a stopped one is answered at once. */
    @Transactional
    public void stop(StopWorkingVdbRequested request) {
        Vdb vdb = Vdb.findById(request.vdbId());
        if (vdb == null || !vdb.working() || vdb.released) {
            refuse(request.requestId(), request.vdbId(), "There is no working virtual database " + request.vdbId()
                    + " to stop.");
            return;
        }
        if (request.requestId().equals(vdb.replyTo) && OperationStep.ofResource(vdb.id) != null) {
            return;
        }
        if (vdb.status == Vdb.Status.STOPPED) {
            events.publish(new WorkingVdbStopped(request.requestId(), vdb.id));
            return;
        }
        if (vdb.status != Vdb.Status.RUNNING || OperationStep.ofResource(vdb.id) != null) {
            refuse(request.requestId(), vdb.id, "Working virtual database " + vdb.name + " is " + vdb.status
                    + (vdb.error == null ? "" : " (" + vdb.error + ")") + "; it cannot be stopped cleanly.");
            return;
        }
        vdb.replyTo = request.requestId();
        operations.start(VdbOperation.STOP, vdb.id, VdbWork.engine(false), vdb.purpose);
    }

    /**
     * Deletes a working virtual database: at once when nothing runs on it, when its operation ends otherwise, and
     * without an operation while it still waits for its snapshot (nothing of it exists but its row and password).
     */
    @Transactional
    public void delete(DeleteWorkingVdbRequested request) {
        Vdb vdb = Vdb.findById(request.vdbId());
        if (vdb == null || !vdb.working() || vdb.status == Vdb.Status.DELETED || vdb.status == Vdb.Status.DELETING) {
            return;
        }
        boolean busy = OperationStep.ofResource(vdb.id) != null;
        if (busy) {
            Log.infof("Working virtual database %s is deleted once its operation ends", vdb.name);
            vdb.discard = true;
        } else if (vdb.status == Vdb.Status.PROVISIONING) {
            vdb.status = Vdb.Status.DELETED;
            vdb.released = true;
            secrets.delete(vdb.secretRef);
            events.publish(new VdbDeleted(vdb.id, vdb.name));
        } else {
            startDelete(vdb);
        }
    }

    /**
     * After an operation on a working virtual database ended (in its transaction): the delete its owner asked for
     * meanwhile starts.
     */
    void operationEnded(Vdb vdb) {
        if (vdb.discard && vdb.status != Vdb.Status.DELETED && vdb.status != Vdb.Status.DELETING) {
            startDelete(vdb);
        }
    }

    private void startDelete(Vdb vdb) {
        boolean released = vdb.released;
        vdb.discard = false;
        vdb.status = Vdb.Status.DELETING;
        operations.start(VdbOperation.DELETE, vdb.id, VdbWork.engine(released), vdb.purpose);
        Log.infof("Deleting working virtual database %s (%s)", vdb.name, vdb.purpose);
    }

    private void fail(Vdb vdb, String reason) {
        vdb.status = Vdb.Status.FAILED;
        vdb.error = reason;
        vdb.released = true;
        refuse(vdb.replyTo, vdb.id, reason);
    }

    private void refuse(String requestId, String vdbId, String reason) {
        Log.infof("Working virtual database %s refused: %s", vdbId, reason);
        events.publish(new WorkingVdbFailed(requestId, vdbId, reason));
    }
}
