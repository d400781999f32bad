package io.strata.ingest.source;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.errors.Errors;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobService;
import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.common.operations.OperationMachine;
import io.strata.common.operations.Progress;
import io.strata.common.secrets.SecretStore;
import io.strata.common.storage.VolumeReturns;
import io.strata.common.tx.AfterCommit;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.AttachFailed;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.DeleteSnapshotRequested;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.engine.SnapshotMetadata;
import io.strata.engine.SnapshotPoint;
import io.strata.engine.UserError;
import io.strata.ingest.environment.Environment;

/**
 * The steps of a source's link, sync, resync, disable, enable and delete: a new volume from the snapshot service,
 * attached to the staging environment by the provisioning service, loaded or synced by {@link SourceWorker},
 * snapshotted; disable and enable stop and start the staging copy on a worker. A failure stops what staging started
 * before the volume is given back.
 */
@ApplicationScoped
public class SourceOperations extends OperationDefinition<SourceOperation, SourceStep, SourceWork> {

    private static final String STAGING = "staging";

    @Inject
    EventPublisher events;

    @Inject
    SourceChanges changes;

    @Inject
    JobService jobs;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OperationMachine operations;

    @Inject
    SourceWorker worker;

    @Inject
    SecretStore secrets;

    @Inject
    SyncScheduler scheduler;

    public SourceOperations() {
        super(SourceOperation.class, SourceStep.class, SourceWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of(Topics.SNAPSHOT, Topics.PROVISIONING);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(StorageRequestFailed.class, AttachFailed.class);
    }

    @Override
    protected void request(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        SourceWork work = operation.data();
        switch (operation.step()) {
            case VOLUME -> {
                jobs.progress(operation.jobId(), 2, "asking the snapshot service for a staging volume");
                Job job = Job.findById(operation.jobId());
                events.publish(new CreateVolumeRequested(operation.requestId(), work.volumeId(), operation
                        .resource(), job.requestedBy));
            }
            case ATTACH -> {
                Source source = source(operation);
                EnvironmentRef staging;
                if (source.stagingNamespace != null) {
                    staging = StagingPods.environment(source.stagingNamespace);
                    jobs.progress(operation.jobId(), 10, "a claim on the staging volume in namespace "
                            + source.stagingNamespace);
                } else {
                    Environment host = Environment.findById(source.stagingEnvironmentId);
                    staging = host.toRef();
                    jobs.progress(operation.jobId(), 10, "attaching the staging volume to " + host.name);
                }
                events.publish(new AttachRequested(operation.requestId(), work.volumeId(), work.volumePath(), staging,
                        null, STAGING));
            }
            case SNAPSHOT -> requestSnapshot(operation);
            default -> throw new IllegalStateException(operation.step() + " sends no request");
        }
    }

    private void requestSnapshot(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        SourceWork work = operation.data();
        if (operation.kind() == SourceOperation.RESYNC) {
            // From here on the new staging copy is the source's.
            Source source = source(operation);
            source.volumeId = work.volumeId();
            source.stagingPath = work.path();
        }
        SnapshotPoint point = work.point();
        jobs.progress(operation.jobId(), 92, "snapshot at " + (point.position() != null
                ? point.position()
                : point.time()));
        events.publish(new SnapshotRequested(operation.requestId(), work.volumeId(), work.snapshotId(), point
                .position(), point.time(), point.metadata()));
    }

    @Override
    protected SourceWork replied(Operation<SourceOperation, SourceStep, SourceWork> operation, Reply reply) {
        boolean link = operation.kind() == SourceOperation.LINK;
        if (reply instanceof VolumeCreated created) {
            if (link) {
                source(operation).volumeId = created.volume().id();
            }
            return operation.data().withVolumePath(created.volume().path());
        }
        if (reply instanceof AttachmentReady ready) {
            if (link) {
                source(operation).stagingPath = ready.path();
            }
            jobs.progress(operation.jobId(), 15, "initial load into " + ready.path());
            return operation.data().withPath(ready.path());
        }
        return operation.data().withSnapshot(((SnapshotCreated) reply).snapshot());
    }

    @Override
    protected SourceWork work(Operation<SourceOperation, SourceStep, SourceWork> operation, Progress progress) {
        SourceWork work = operation.data();
        return switch (operation.kind()) {
            case SYNC -> work.withPoint(worker.sync(operation.resource(), work, progress));
            case LINK, RESYNC -> work.withPoint(worker.load(operation.resource(), work, operation
                    .kind() == SourceOperation.RESYNC, progress));
            case DISABLE -> {
                worker.stopStaging(operation.resource(), work.path(), progress);
                yield work;
            }
            case ENABLE -> {
                worker.startStaging(operation.resource(), work.path(), progress);
                yield work;
            }
            case DELETE -> {
                worker.teardown(operation.resource(), work.force(), progress);
                yield work;
            }
        };
    }

    @Override
    protected String completed(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        return switch (operation.kind()) {
            case DELETE -> deleted(operation);
            case DISABLE, ENABLE -> stagingChanged(operation);
            case LINK, SYNC, RESYNC -> snapshotTaken(operation);
        };
    }

    private String snapshotTaken(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        SnapshotView snapshot = operation.data().snapshot();
        Source source = source(operation);
        recordSnapshot(source, snapshot);
        changes.announce(source);
        if (operation.kind() == SourceOperation.RESYNC) {
            // The old volume's snapshots stay on the timeline; the volume itself is no longer needed.
            giveBack(operation, "old", operation.data().oldVolumeId());
        }
        String sourceId = source.id;
        SnapshotPoint point = new SnapshotPoint(snapshot.position(), snapshot.positionTime(), snapshot.metadata());
        boolean linked = operation.kind() == SourceOperation.LINK;
        operations.afterwards(() -> {
            worker.postSnapshot(sourceId, point);
            if (linked) {
                scheduler.refresh(sourceId);
            }
        });
        return "snapshot " + snapshot.id() + (snapshot.position() != null ? " at " + snapshot.position() : "");
    }

    private void recordSnapshot(Source source, SnapshotView snapshot) {
        source.state = Source.State.ACTIVE;
        source.lastSyncAt = snapshot.createdAt();
        source.lastSnapshotId = snapshot.id();
        source.lastPosition = snapshot.position();
        source.sizeBytes = snapshot.logicalSize();
        source.snapshotCount++;
        source.error = null;
        if (SourceSnapshot.count("sourceId = ?1 and snapshotId = ?2", source.id, snapshot.id()) == 0) {
            SourceSnapshot taken = new SourceSnapshot();
            taken.sourceId = source.id;
            taken.snapshotId = snapshot.id();
            taken.position = snapshot.position();
            taken.takenAt = snapshot.createdAt() != null ? snapshot.createdAt() : Instant.now();
            taken.positionTime = snapshot.positionTime();
            taken.logFrom = SnapshotMetadata.LOG_FROM.in(snapshot.metadata());
            taken.logArchive = SnapshotMetadata.WAL_ARCHIVE.in(snapshot.metadata());
            taken.persist();
        }
        String archive = SnapshotMetadata.WAL_ARCHIVE.in(snapshot.metadata());
        if (source.logSync && archive != null) {
            // Any moment from the first snapshot with kept WAL to this one can now be provisioned.
            events.publish(SourceSnapshot.window(source, snapshot.positionTime(), archive));
        }
    }

    /** A disabled source is skipped by its sync policy until it is enabled; the scheduler reads the new state. */
    private String stagingChanged(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        Source source = source(operation);
        boolean enabled = operation.kind() == SourceOperation.ENABLE;
        source.state = enabled ? Source.State.ACTIVE : Source.State.DISABLED;
        source.error = null;
        changes.announce(source);
        String sourceId = source.id;
        afterCommit.run(() -> scheduler.refresh(sourceId));
        return enabled
                ? "staging copy started; syncs are taken again"
                : "staging copy stopped; syncs are refused until the source is enabled (POST /sources/" + sourceId
                        + "/enable)";
    }

    private String deleted(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        Source source = source(operation);
        VolumeReturns.giveBack(events, operation.jobId().toString(), source.volumeId);
        List<SourceSnapshot> snapshots = SourceSnapshot.list("sourceId", source.id);
        for (SourceSnapshot snapshot : snapshots) {
            // The snapshot service keeps (and says so) those that clones or bookmarks still use.
            events.publish(new DeleteSnapshotRequested(operation.requestId(snapshot.snapshotId),
                    snapshot.snapshotId));
        }
        SourceSnapshot.delete("sourceId", source.id);
        changes.announceDeleted(source);
        if (source.secretRef != null) {
            secrets.delete(source.secretRef);
        }
        source.delete();
        String sourceId = source.id;
        afterCommit.run(() -> scheduler.refresh(sourceId));
        return "source deleted; its volume and " + snapshots.size() + " snapshot(s) are given back, except "
                + "snapshots that clones or bookmarks still use";
    }

    @Override
    protected SourceWork undo(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        SourceWork work = operation.data();
        boolean loaded = operation.step() == SourceStep.WORK || operation.step() == SourceStep.SNAPSHOT;
        if (operation.kind() == SourceOperation.LINK && loaded) {
            worker.undoLink(operation.resource(), work.path());
        } else if (operation.kind() == SourceOperation.RESYNC && operation.step() != SourceStep.VOLUME) {
            worker.restoreStaging(operation.resource(), work.path(), work.oldPath());
        }
        return work;
    }

    @Override
    protected void failed(Operation<SourceOperation, SourceStep, SourceWork> operation, String error) {
        Source source = source(operation);
        source.error = error;
        SourceWork work = operation.data();
        switch (operation.kind()) {
            case LINK -> {
                source.state = Source.State.FAILED;
                giveBack(operation, "undo", work.volumeId());
            }
            case RESYNC -> {
                source.volumeId = work.oldVolumeId();
                source.stagingPath = work.oldPath();
                giveBack(operation, "undo", work.volumeId());
            }
            case DELETE -> source.error = error + (operation.data().force()
                    ? ""
                    : " To delete it anyway, leaving what linking made on the source: DELETE /api/v1/sources/"
                            + source.id + "?force=true.");
            case SYNC, DISABLE, ENABLE -> {
                // The source keeps its state; the next sync, disable, enable or delete tries again (stopping a
                // stopped copy or starting a running one does nothing).
            }
        }
        changes.announce(source);
    }

    private void giveBack(Operation<SourceOperation, SourceStep, SourceWork> operation, String purpose,
            String volumeId) {
        VolumeReturns.giveBack(events, operation.requestId(purpose), volumeId);
    }

    @Override
    protected String describe(RuntimeException error) {
        return error instanceof UserError user ? user.describe() : Errors.rootMessage(error);
    }

    private static Source source(Operation<SourceOperation, SourceStep, SourceWork> operation) {
        return Source.findById(operation.resource());
    }
}
