package io.strata.provisioning.vdb;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.operations.OperationMachine;
import io.strata.common.operations.OperationStep;
import io.strata.common.secrets.SecretStore;
import io.strata.common.util.Ids;
import io.strata.contracts.provisioning.PodVdbCreateRequested;
import io.strata.contracts.provisioning.PodVdbDeleteRequested;
import io.strata.contracts.provisioning.PodVdbDone;
import io.strata.contracts.provisioning.PodVdbFailed;
import io.strata.contracts.provisioning.PodVdbMoveRequested;
import io.strata.contracts.provisioning.PodVdbPowerRequested;
import io.strata.contracts.provisioning.PodVdbSnapshotRequested;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.engine.EnginePlugin;
import io.strata.engine.SnapshotMetadata;
import io.strata.provisioning.known.KnownSnapshot;

/**
 * Data pods' virtual databases: users' virtual databases (their owner sees them and reads their credentials) that the
 * catalog service makes, snapshots, moves and deletes together with the other ones of a pod, by commands answered by
 * events. They run on this host, from the pod's snapshots, with the engine's default parameters. Each command starts
 * the same operation a user's request would ({@link VdbOperations}); the request it answers is kept in
 * {@link Vdb#replyTo} until the operation ends, so that a command delivered again while it runs starts nothing more.
 * Users' changes are refused ({@link VdbService}): a virtual database changed alone would leave its pod's points.
 */
@ApplicationScoped
public class PodVdbs {

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

    @Inject
    VdbOrigins origins;

    /**
     * Makes a pod's virtual database, once: a command for an id that exists already is answered from what exists (or
     * by the end of the operation still making it). When the snapshot has not been heard of yet (the catalog may hear
     * of it first), it waits for it ({@link #snapshotKnown}).
     */
    @Transactional
    public void create(PodVdbCreateRequested request) {
        Vdb existing = Vdb.findById(request.vdbId());
        if (existing != null) {
            createdAlready(existing, request);
            return;
        }
        if (request.pod() == null || request.pod().isBlank()) {
            refuse(request.requestId(), request.vdbId(), "The command to create virtual database " + request.name()
                    + " names no data pod; the catalog service must send the pod it belongs to.");
            return;
        }
        if (request.name() == null || !request.name().matches(CreateVdb.NAME_PATTERN)) {
            refuse(request.requestId(), request.vdbId(), "The name '" + request.name() + "' of data pod "
                    + request.pod() + "'s virtual database is not a valid name: use 1 to 63 lower-case letters, "
                    + "digits, '_' or '-', starting with a letter or digit.");
            return;
        }
        if (VdbService.nameTaken(request.name())) {
            refuse(request.requestId(), request.vdbId(), "A virtual database named " + request.name() + " exists "
                    + "already; choose another name for data pod " + request.pod() + "'s virtual database, or "
                    + "delete that one first.");
            return;
        }
        Vdb vdb;
        try {
            vdb = vdbs.commanded(request.vdbId(), request.name(), request.snapshotId(), request.requestId());
        } catch (ApiException e) {
            refuse(request.requestId(), request.vdbId(), e.getMessage());
            return;
        }
        vdb.parent = VdbService.NOT_KNOWN_YET;
        vdb.owner = request.owner();
        vdb.pod = request.pod();
        vdb.credentialsNamespace = request.credentialsNamespace();
        vdbs.store(vdb);
        KnownSnapshot snapshot = KnownSnapshot.findById(request.snapshotId());
        if (snapshot == null) {
            Log.infof("Virtual database %s of data pod %s waits for snapshot %s to be announced", vdb.name, vdb.pod,
                    vdb.snapshotId);
            return;
        }
        provision(vdb, snapshot);
    }

    /**
     * A create for an id that exists: the virtual database made for it is not made twice. While it is being made, the
     * end of that answers; made, it is done; otherwise the command is refused with what became of it.
     */
    private void createdAlready(Vdb vdb, PodVdbCreateRequested request) {
        if (!Objects.equals(vdb.pod, request.pod()) || vdb.status == Vdb.Status.DELETED) {
            refuse(request.requestId(), vdb.id, "Virtual database id " + vdb.id + " is taken (by " + vdb.name
                    + (vdb.inPod() ? " of data pod " + vdb.pod : "") + ", " + vdb.status + "); create data pod "
                    + request.pod() + "'s virtual database with a new id.");
            return;
        }
        boolean running = OperationStep.ofResource(vdb.id) != null;
        if (vdb.status == Vdb.Status.PROVISIONING || running && request.requestId().equals(vdb.replyTo)) {
            Log.infof("Create of %s (data pod %s) repeated while it is made; its end answers %s", vdb.name, vdb.pod,
                    vdb.replyTo);
            return;
        }
        if (vdb.status == Vdb.Status.RUNNING && !running) {
            events.publish(new PodVdbDone(request.requestId(), vdb.id, vdb.snapshotId));
            return;
        }
        refuse(request.requestId(), vdb.id, "Virtual database " + vdb.name + " of data pod " + vdb.pod + " was "
                + "made already and is " + (running ? "busy" : vdb.status) + (vdb.error == null
                        ? ""
                        : " (" + vdb.error + ")")
                + "; delete it and create it again if it is not usable.");
    }

    /** A snapshot was announced: the pods' virtual databases waiting for it are provisioned. */
    @Transactional
    public void snapshotKnown(KnownSnapshot snapshot) {
        for (Vdb vdb : Vdb.<Vdb>list("snapshotId = ?1 and status = ?2 and pod is not null", snapshot.id,
                Vdb.Status.PROVISIONING)) {
            if (OperationStep.ofResource(vdb.id) == null) {
                provision(vdb, snapshot);
            }
        }
    }

    private void provision(Vdb vdb, KnownSnapshot snapshot) {
        if (snapshot.deleted) {
            fail(vdb, "Snapshot " + snapshot.id + " was deleted; nothing can be cloned from it. Delete virtual "
                    + "database " + vdb.name + " and create it from another snapshot.");
            return;
        }
        Map<String, String> metadata = snapshot.metadata == null ? Map.of() : snapshot.metadata;
        EnginePlugin plugin;
        Map<String, Object> parameters;
        try {
            plugin = contexts.plugin(metadata.getOrDefault(SnapshotMetadata.ENGINE.key(), "files"));
            parameters = VdbService.parameters(plugin, null);
        } catch (ApiException e) {
            fail(vdb, e.getMessage());
            return;
        }
        vdb.engine = plugin.name();
        vdb.parent = snapshot.dataset;
        vdb.parameters = parameters;
        vdb.databaseName = SnapshotMetadata.DATABASE.in(metadata);
        vdb.databaseUser = SnapshotMetadata.USER.in(metadata);
        operations.start(VdbOperation.PROVISION, vdb.id, VdbWork.clone(snapshot.id, Ids.next("vdb"), null),
                requestedBy(vdb));
        Log.infof("Provisioning virtual database %s of data pod %s from snapshot %s", vdb.name, vdb.pod,
                snapshot.id);
    }

    /** Snapshots a pod's virtual database onto its own timeline; the answer names the snapshot taken. */
    @Transactional
    public void snapshot(PodVdbSnapshotRequested request) {
        Vdb vdb = idlePodVdb(request.requestId(), request.vdbId());
        if (vdb == null) {
            return;
        }
        if (vdb.released || vdb.volumeId == null) {
            refuse(request.requestId(), vdb.id, "Virtual database " + vdb.name + " of data pod " + vdb.pod + " has "
                    + "no clone to snapshot (it is " + vdb.status + "); move it to a snapshot or create it again.");
            return;
        }
        vdb.replyTo = request.requestId();
        operations.start(VdbOperation.SNAPSHOT, vdb.id, VdbWork.snapshot(Ids.next("snap"), vdb.volumeId),
                requestedBy(vdb));
    }

    /** Stops a pod's virtual database's engine cleanly, or starts it again; already so, it is answered at once. */
    @Transactional
    public void power(PodVdbPowerRequested request) {
        Vdb vdb = idlePodVdb(request.requestId(), request.vdbId());
        if (vdb == null) {
            return;
        }
        Vdb.Status wanted = request.running() ? Vdb.Status.RUNNING : Vdb.Status.STOPPED;
        if (vdb.status == wanted) {
            events.publish(new PodVdbDone(request.requestId(), vdb.id, vdb.snapshotId));
            return;
        }
        if (vdb.released || vdb.status != Vdb.Status.RUNNING && vdb.status != Vdb.Status.STOPPED) {
            refuse(request.requestId(), vdb.id, "Virtual database " + vdb.name + " of data pod " + vdb.pod + " is "
                    + vdb.status + "; it can be " + (request.running() ? "started" : "stopped") + " only when it is "
                    + (request.running() ? "STOPPED" : "RUNNING") + ".");
            return;
        }
        vdb.replyTo = request.requestId();
        operations.start(request.running() ? VdbOperation.START : VdbOperation.STOP, vdb.id, VdbWork.engine(false),
                requestedBy(vdb));
    }

    /**
     * Puts a pod's virtual database on a snapshot's data: a rewind to one of its own snapshots (or, with a recovery
     * time, to a moment of its current life), a refresh to a snapshot of a dataset it descends from (its parent's;
     * for a pod made from another pod's bookmark, also its template's datasets, which it then descends from
     * directly). Its name, port and credentials stay; a failure leaves it on the data it had (see
     * {@link VdbOperations}). What is asked is checked before the state it is in, so that a wrong snapshot is named
     * as such whatever the state.
     */
    @Transactional
    public void move(PodVdbMoveRequested request) {
        Vdb vdb = idlePodVdb(request.requestId(), request.vdbId());
        if (vdb == null) {
            return;
        }
        VdbWork work = moveWork(request, vdb);
        if (work == null) {
            return;
        }
        if (vdb.released || vdb.status != Vdb.Status.RUNNING && vdb.status != Vdb.Status.STOPPED
                && vdb.status != Vdb.Status.FAILED) {
            refuse(request.requestId(), vdb.id, "Virtual database " + vdb.name + " of data pod " + vdb.pod + " is "
                    + vdb.status + " and has no clone; it cannot be moved. Delete it and create it again.");
            return;
        }
        KnownSnapshot snapshot = KnownSnapshot.findById(work.snapshotId());
        // A move to a moment is a rewind within the current life, also when it starts from the snapshot the life began
        // with, which is its parent's: it replays the life's own log, not the parent's.
        VdbOperation kind = work.recoveryTime() != null || snapshot.dataset.equals(vdb.id)
                ? VdbOperation.REWIND
                : VdbOperation.REFRESH;
        vdb.replyTo = request.requestId();
        operations.start(kind, vdb.id, work, requestedBy(vdb));
        Log.infof("Moving virtual database %s of data pod %s to snapshot %s%s (%s)", vdb.name, vdb.pod, snapshot.id,
                work.recoveryTime() != null ? " and on to " + work.recoveryTime() : "", kind);
    }

    /** What a move clones (and recovers to); {@code null} once refused for a snapshot or moment that won't do. */
    private VdbWork moveWork(PodVdbMoveRequested request, Vdb vdb) {
        if (request.recoveryTime() != null) {
            try {
                return VdbWork.clone(origins.forRewind(vdb, null, null, request.recoveryTime()).snapshot().id, Ids
                        .next("vdb"), request.recoveryTime());
            } catch (ApiException e) {
                refuse(request.requestId(), vdb.id, e.getMessage());
                return null;
            }
        }
        KnownSnapshot snapshot = KnownSnapshot.findById(request.snapshotId());
        if (snapshot == null || snapshot.deleted) {
            refuse(request.requestId(), vdb.id, "Snapshot " + request.snapshotId() + (snapshot == null
                    ? " has not been announced to the provisioning service (yet); send the move again once the "
                            + "snapshot service has announced it."
                    : " was deleted; move virtual database " + vdb.name + " to another snapshot."));
            return null;
        }
        if (!snapshot.dataset.equals(vdb.id) && !Vdb.lineage(vdb.parent).contains(snapshot.dataset)
                && !sameRoot(vdb.id, snapshot.dataset)) {
            refuse(request.requestId(), vdb.id, "Snapshot " + snapshot.id + " belongs to dataset " + snapshot.dataset
                    + ", which is neither virtual database " + vdb.name + " itself nor one it descends from "
                    + Vdb.lineage(vdb.parent) + " nor a virtual database of the same data; a data pod's virtual "
                    + "database moves only to its own snapshots (rewind), to those of the datasets it descends from "
                    + "or of others made from them (refresh).");
            return null;
        }
        return VdbWork.clone(snapshot.id, Ids.next("vdb"), null);
    }

    /**
     * Whether two datasets descend from the same source or masked dataset: a pod's virtual database may move to the
     * data of another pod's of the same template (a bookmark shared between them), which it descends from then.
     */
    private static boolean sameRoot(String dataset, String other) {
        List<String> mine = Vdb.lineage(dataset);
        List<String> theirs = Vdb.lineage(other);
        return mine.get(mine.size() - 1).equals(theirs.get(theirs.size() - 1));
    }

    /**
     * Deletes a pod's virtual database: its engine, clone, snapshots and port, by the delete operation; at once when
     * it still waits for its snapshot (nothing of it exists but its row and password), and answered done at once when
     * it is gone already.
     */
    @Transactional
    public void delete(PodVdbDeleteRequested request) {
        Vdb vdb = Vdb.findById(request.vdbId());
        if (vdb == null || vdb.status == Vdb.Status.DELETED) {
            events.publish(new PodVdbDone(request.requestId(), request.vdbId(), null));
            return;
        }
        if (!vdb.inPod()) {
            refuse(request.requestId(), vdb.id, notInPod(vdb));
            return;
        }
        if (repeated(vdb, request.requestId())) {
            return;
        }
        if (vdb.status == Vdb.Status.PROVISIONING && OperationStep.ofResource(vdb.id) == null) {
            String waiting = vdb.replyTo;
            vdb.status = Vdb.Status.DELETED;
            vdb.released = true;
            vdb.replyTo = null;
            secrets.delete(vdb.secretRef);
            events.publish(new VdbDeleted(vdb.id, vdb.name));
            if (waiting != null) {
                refuse(waiting, vdb.id, "Virtual database " + vdb.name + " was deleted before snapshot "
                        + vdb.snapshotId + " was announced.");
            }
            events.publish(new PodVdbDone(request.requestId(), vdb.id, null));
            return;
        }
        if (refusedBusy(vdb, request.requestId())) {
            return;
        }
        boolean released = vdb.released;
        vdb.status = Vdb.Status.DELETING;
        vdb.replyTo = request.requestId();
        operations.start(VdbOperation.DELETE, vdb.id, VdbWork.engine(released), requestedBy(vdb));
        Log.infof("Deleting virtual database %s of data pod %s", vdb.name, vdb.pod);
    }

    /**
     * The pod's virtual database a command names, when nothing else is running on it; {@code null} once the command
     * is refused (unknown, not a pod's, busy) or is a repetition of the one running.
     */
    private Vdb idlePodVdb(String requestId, String vdbId) {
        Vdb vdb = Vdb.findById(vdbId);
        if (vdb == null || vdb.status == Vdb.Status.DELETED || !vdb.inPod()) {
            refuse(requestId, vdbId, vdb == null || vdb.status == Vdb.Status.DELETED
                    ? "There is no virtual database " + vdbId + "; create it first."
                    : notInPod(vdb));
            return null;
        }
        if (repeated(vdb, requestId) || refusedBusy(vdb, requestId)) {
            return null;
        }
        return vdb;
    }

    /** Whether the command is one whose operation still runs: its end answers it. */
    private static boolean repeated(Vdb vdb, String requestId) {
        if (requestId.equals(vdb.replyTo) && OperationStep.ofResource(vdb.id) != null) {
            Log.infof("Command %s on %s repeated while its operation runs; its end answers", requestId, vdb.name);
            return true;
        }
        return false;
    }

    /**
     * Refuses a command while something else changes the virtual database: the catalog sends one command at a time
     * per pod, so another operation here is a change made outside the pod.
     */
    private boolean refusedBusy(Vdb vdb, String requestId) {
        OperationStep running = OperationStep.ofResource(vdb.id);
        if (running == null && vdb.status != Vdb.Status.PROVISIONING && vdb.status != Vdb.Status.DELETING) {
            return false;
        }
        String what = running != null
                ? "job " + running.jobId + ", " + running.kind
                : vdb.status == Vdb.Status.PROVISIONING
                        ? "waiting for snapshot " + vdb.snapshotId + " to be announced"
                        : vdb.status.name();
        // The pod's own command still running is the catalog's doing; anything else was started outside the pod.
        String whose = vdb.replyTo != null ? " with the pod's command " + vdb.replyTo : ", changed outside the pod";
        refuse(requestId, vdb.id, "Virtual database " + vdb.name + " of data pod " + vdb.pod + " is busy (" + what
                + ")" + whose + "; wait for that to end and send the command again.");
        return true;
    }

    private static String notInPod(Vdb vdb) {
        return "Virtual database " + vdb.name + " (" + vdb.id + ") belongs to no data pod; a data pod changes only "
                + "the virtual databases it created.";
    }

    private static String requestedBy(Vdb vdb) {
        return "data pod " + vdb.pod;
    }

    private void fail(Vdb vdb, String reason) {
        vdb.status = Vdb.Status.FAILED;
        vdb.error = reason;
        vdb.released = true;
        String replyTo = vdb.replyTo;
        vdb.replyTo = null;
        refuse(replyTo, vdb.id, reason);
    }

    private void refuse(String requestId, String vdbId, String reason) {
        Log.infof("Data pod command %s on virtual database %s refused: %s", requestId, vdbId, reason);
        events.publish(new PodVdbFailed(requestId, vdbId, reason));
    }
}
