package io.strata.provisioning.vdb;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.JobService;
import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.common.operations.OperationMachine;
import io.strata.common.operations.Progress;
import io.strata.common.secrets.SecretStore;
import io.strata.common.storage.VolumeReturns;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.AttachFailed;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.provisioning.PodVdbDone;
import io.strata.contracts.provisioning.PodVdbFailed;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.provisioning.VdbReady;
import io.strata.contracts.provisioning.VdbStopped;
import io.strata.contracts.provisioning.WorkingVdbFailed;
import io.strata.contracts.provisioning.WorkingVdbReady;
import io.strata.contracts.provisioning.WorkingVdbStopped;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.DeleteSnapshotRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.provisioning.attach.AttachmentService;
import io.strata.provisioning.known.KnownSnapshot;

/**
 * The steps of a virtual database's operations: a clone from the snapshot service, mounted on a remote target by
 * {@link AttachmentService}, configured and started by {@link VdbWorker}; snapshots, start, stop and delete. A failure
 * stops the engine the operation started before its clone is given back, and a failed refresh or rewind brings the
 * engine back on the clone it ran on.
 */
@ApplicationScoped
public class VdbOperations extends OperationDefinition<VdbOperation, VdbStep, VdbWork> {

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    @Inject
    OperationMachine operations;

    @Inject
    VdbWorker worker;

    @Inject
    VdbContexts contexts;

    @Inject
    VdbViews views;

    @Inject
    SecretStore secrets;

    @Inject
    AttachmentService attachments;

    @Inject
    WorkingVdbs workingVdbs;

    @Inject
    KubernetesEngines kubernetes;

    @Inject
    Event<VdbChanged> changed;

    @Inject
    Event<PodVdbChanged> podVdbChanged;

    public VdbOperations() {
        super(VdbOperation.class, VdbStep.class, VdbWork.class);
    }

    @Override
    public Set<String> replySources() {
        // Attachments to remote targets are this service's own: AttachmentService hands their outcome over directly.
        return Set.of(Topics.SNAPSHOT);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(StorageRequestFailed.class, AttachFailed.class);
    }

    @Override
    protected void request(Operation<VdbOperation, VdbStep, VdbWork> operation) {
        VdbWork work = operation.data();
        switch (operation.step()) {
            case CLONE -> {
                jobs.progress(operation.jobId(), 10, "cloning snapshot " + work.snapshotId());
                events.publish(new CloneRequested(operation.requestId(), work.snapshotId(), work.volumeId(),
                        vdb(operation).volumeDataset(), null));
            }
            case ATTACH -> attachments.attach(new AttachRequested(operation.requestId(), work.volumeId(), work
                    .clonePath(), target(operation), null, "vdb"));
            case SNAPSHOT -> events.publish(new SnapshotRequested(operation.requestId(), work.volumeId(), work
                    .snapshotId(), null, Instant.now(), contexts.snapshotMetadata(vdb(operation))));
            default -> throw new IllegalStateException(operation.step() + " sends no request");
        }
    }

    @Override
    protected VdbWork replied(Operation<VdbOperation, VdbStep, VdbWork> operation, Reply reply) {
        if (reply instanceof CloneCreated created) {
            String clonePath = created.volume().path();
            if (!local(operation)) {
                return operation.data().withClone(clonePath, null);
            }
            return cloneReady(operation, operation.data().withClone(clonePath, clonePath));
        }
        if (reply instanceof AttachmentReady ready) {
            return cloneReady(operation, operation.data().withPath(ready.path()));
        }
        return operation.data();
    }

    private VdbWork cloneReady(Operation<VdbOperation, VdbStep, VdbWork> operation, VdbWork work) {
        jobs.progress(operation.jobId(), 40, "clone ready at " + work.path());
        return work;
    }

    @Override
    protected VdbStep next(Operation<VdbOperation, VdbStep, VdbWork> operation) {
        VdbStep next = super.next(operation);
        if (next == VdbStep.ATTACH && local(operation)) {
            // On this host the clone is used where it is.
            return VdbStep.CONFIGURE;
        }
        return next;
    }

    @Override
    protected VdbWork work(Operation<VdbOperation, VdbStep, VdbWork> operation, Progress progress) {
        String vdbId = operation.resource();
        VdbWork work = operation.data();
        switch (operation.step()) {
            case PREPARE -> worker.prepare(vdbId, operation.kind(), work.recoveryTime(), progress);
            case CONFIGURE -> worker.configure(vdbId, operation.kind(), work, progress);
            case FLUSH -> worker.flush(vdbId);
            case START_ENGINE -> worker.start(vdbId);
            case STOP_ENGINE -> worker.stop(vdbId);
            case REMOVE -> {
                if (!work.released()) {
                    worker.remove(vdbId);
                }
            }
            default -> throw new IllegalStateException(operation.step() + " is not a worker step");
        }
        return work;
    }

    @Override
    protected String completed(Operation<VdbOperation, VdbStep, VdbWork> operation) {
        Vdb vdb = vdb(operation);
        String message = outcome(operation, vdb);
        answerOwner(operation, vdb, null);
        tellResource(vdb);
        if (vdb.working()) {
            workingVdbs.operationEnded(vdb);
        }
        return message;
    }

    /**
     * Whoever asked for the operation by a command hears how it ended, with the request id it sent: a working virtual
     * database's owner (a delete is not answered), or the catalog service for a data pod's ({@link #answerPod}). A
     * user's request through the API has no request to answer: its job tells.
     */
    private void answerOwner(Operation<VdbOperation, VdbStep, VdbWork> operation, Vdb vdb, String error) {
        String replyTo = vdb.replyTo;
        if (replyTo == null) {
            return;
        }
        if (!vdb.working()) {
            answerPod(operation, vdb, error);
            return;
        }
        if (operation.kind() == VdbOperation.DELETE) {
            return;
        }
        vdb.replyTo = null;
        if (error != null) {
            events.publish(new WorkingVdbFailed(replyTo, vdb.id, error));
        } else if (operation.kind() == VdbOperation.STOP) {
            events.publish(new WorkingVdbStopped(replyTo, vdb.id));
        } else if (operation.kind() == VdbOperation.PROVISION) {
            events.publish(new WorkingVdbReady(replyTo, views.view(vdb)));
        }
    }

    /**
     * A data pod's command is answered with the snapshot the catalog keeps for the pod: the one a snapshot took, or
     * the one a provision, refresh or rewind left it running on; none for a delete.
     */
    private void answerPod(Operation<VdbOperation, VdbStep, VdbWork> operation, Vdb vdb, String error) {
        String replyTo = vdb.replyTo;
        vdb.replyTo = null;
        if (error != null) {
            boolean moved = operation.kind() == VdbOperation.REFRESH || operation.kind() == VdbOperation.REWIND;
            // The catalog is told a failed move leaves the data as it was; when even that engine is down, it must know.
            events.publish(new PodVdbFailed(replyTo, vdb.id, moved && vdb.status == Vdb.Status.FAILED
                    ? error + " Virtual database " + vdb.name + " could not be started again on the data it had and "
                            + "is FAILED; move it to a snapshot again, or delete it."
                    : error));
            return;
        }
        String snapshotId = switch (operation.kind()) {
            case SNAPSHOT -> operation.data().snapshotId();
            case DELETE -> null;
            default -> vdb.snapshotId;
        };
        events.publish(new PodVdbDone(replyTo, vdb.id, snapshotId));
    }

    private String outcome(Operation<VdbOperation, VdbStep, VdbWork> operation, Vdb vdb) {
        return switch (operation.kind()) {
            case PROVISION, REFRESH, REWIND -> ready(operation, vdb);
            case SNAPSHOT -> {
                String vdbId = vdb.id;
                operations.afterwards(() -> worker.hookQuietly(vdbId, VdbHook.postSnapshot));
                yield "snapshot " + operation.data().snapshotId();
            }
            case START -> {
                vdb.status = Vdb.Status.RUNNING;
                vdb.error = null;
                publishReady(vdb, "start");
                yield vdb.name + " accepts connections on port " + vdb.port;
            }
            case STOP -> {
                vdb.status = Vdb.Status.STOPPED;
                if (!vdb.working()) {
                    events.publish(new VdbStopped(vdb.id, vdb.name));
                }
                yield vdb.name + " stopped";
            }
            case DELETE -> deleted(operation, vdb);
        };
    }

    private String ready(Operation<VdbOperation, VdbStep, VdbWork> operation, Vdb vdb) {
        VdbWork work = operation.data();
        String oldVolume = vdb.volumeId;
        vdb.status = Vdb.Status.RUNNING;
        vdb.volumeId = work.volumeId();
        vdb.path = work.path();
        vdb.snapshotId = work.snapshotId();
        vdb.recoveryTime = work.recoveryTime();
        vdb.error = null;
        KnownSnapshot origin = KnownSnapshot.findById(work.snapshotId());
        if (operation.kind() == VdbOperation.REFRESH && origin != null) {
            // A pod's virtual database refreshed from a dataset further up its lineage descends from it from now on.
            vdb.parent = origin.dataset;
        }
        int endedLife = vdb.life;
        vdb.life = endedLife + 1;
        vdb.lifeStartedAt = Instant.now();
        if (endedLife > 0 && !kubernetes.onKubernetes(vdb)) {
            // The new life replayed what it needed of the old one's log.
            String oldLog = contexts.ownLog(vdb, endedLife);
            String environmentId = vdb.environmentId;
            operations.afterwards(() -> worker.removeLog(environmentId, oldLog));
        }
        if (oldVolume != null && !oldVolume.equals(work.volumeId())) {
            giveBack(operation, "old", oldVolume);
        }
        publishReady(vdb, operation.kind().name().toLowerCase(java.util.Locale.ROOT));
        return vdb.name + " accepts connections on port " + vdb.port;
    }

    /** Tells the other services a user's virtual database is ready; a working one's owner alone hears of its own. */
    private void publishReady(Vdb vdb, String what) {
        if (!vdb.working()) {
            events.publish(new VdbReady(views.view(vdb), what));
        }
    }

    private String deleted(Operation<VdbOperation, VdbStep, VdbWork> operation, Vdb vdb) {
        if (!operation.data().released()) {
            giveBack("delete-" + vdb.id, vdb.volumeId);
        }
        for (KnownSnapshot snapshot : KnownSnapshot.<KnownSnapshot>list("dataset = ?1 and deleted = false",
                vdb.id)) {
            events.publish(new DeleteSnapshotRequested("delete-" + snapshot.id, snapshot.id));
        }
        vdb.status = Vdb.Status.DELETED;
        vdb.released = true;
        secrets.delete(vdb.secretRef);
        events.publish(new VdbDeleted(vdb.id, vdb.name));
        return vdb.name + " deleted";
    }

    @Override
    protected VdbWork undo(Operation<VdbOperation, VdbStep, VdbWork> operation) {
        VdbWork work = operation.data();
        boolean started = operation.step() == VdbStep.CONFIGURE;
        return switch (operation.kind()) {
            case PROVISION -> work.afterUndo(started && !worker.stopNew(operation.resource(), work.path(), true),
                    false);
            case REFRESH, REWIND -> {
                boolean left = started && !worker.stopNew(operation.resource(), work.path(), false);
                yield work.afterUndo(left, worker.restart(operation.resource()));
            }
            default -> work;
        };
    }

    @Override
    protected void failed(Operation<VdbOperation, VdbStep, VdbWork> operation, String error) {
        Vdb vdb = vdb(operation);
        VdbWork work = operation.data();
        vdb.error = work.engineLeft()
                ? error + " The engine started on the new clone " + work.path() + " could not be stopped, so the "
                        + "clone is kept; delete the virtual database to try again."
                : error;
        boolean cloning = operation.kind().steps().contains(VdbStep.CLONE);
        boolean cloneAsked = cloning && operation.step() != VdbStep.PREPARE;
        if (cloneAsked && !work.engineLeft()) {
            giveBack(operation, "undo", work.volumeId());
        }
        switch (operation.kind()) {
            case PROVISION -> {
                vdb.status = Vdb.Status.FAILED;
                vdb.released = !work.engineLeft();
                if (work.engineLeft()) {
                    vdb.volumeId = work.volumeId();
                    vdb.path = work.path();
                }
            }
            case REFRESH, REWIND -> vdb.status = work.restored() ? Vdb.Status.RUNNING : Vdb.Status.FAILED;
            case DELETE -> vdb.status = Vdb.Status.FAILED;
            default -> {
                // A failed snapshot, start or stop leaves the virtual database as it was.
            }
        }
        answerOwner(operation, vdb, vdb.error);
        tellResource(vdb);
        if (vdb.working()) {
            workingVdbs.operationEnded(vdb);
        }
    }

    /** The Kubernetes resource a virtual database was made for hears that an operation on it ended. */
    private void tellResource(Vdb vdb) {
        if (vdb.managedBy != null) {
            changed.fire(new VdbChanged(vdb.id, vdb.managedBy));
        }
        if (vdb.credentialsNamespace != null) {
            podVdbChanged.fire(
                    new PodVdbChanged(vdb.id, vdb.name, vdb.credentialsNamespace, vdb.status == Vdb.Status.DELETED));
        }
    }

    private void giveBack(Operation<VdbOperation, VdbStep, VdbWork> operation, String purpose, String volumeId) {
        giveBack(operation.requestId(purpose), volumeId);
    }

    /**
     * Detaches a volume from where this service attached it (a mount on an SSH host, a PersistentVolume and claim on
     * Kubernetes) — directly: this service does not read its own topic, so the DetachRequested of
     * {@link VolumeReturns} reaches only the others — then gives it back to the snapshot service.
     */
    private void giveBack(String requestIdPrefix, String volumeId) {
        if (volumeId != null) {
            attachments.detach(requestIdPrefix + "-detach", volumeId);
        }
        VolumeReturns.giveBack(events, requestIdPrefix, volumeId);
    }

    @Override
    protected String describe(RuntimeException error) {
        return VdbWorker.describe(error);
    }

    private boolean local(Operation<VdbOperation, VdbStep, VdbWork> operation) {
        return target(operation).kind() == EnvironmentKind.LOCAL;
    }

    private EnvironmentRef target(Operation<VdbOperation, VdbStep, VdbWork> operation) {
        return contexts.environment(vdb(operation).environmentId);
    }

    private static Vdb vdb(Operation<VdbOperation, VdbStep, VdbWork> operation) {
        return Vdb.findById(operation.resource());
    }
}
