package io.strata.ingest.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.Errors;
import io.strata.common.events.Correlation;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobService;
import io.strata.common.secrets.SecretStore;
import io.strata.common.tx.AfterCommit;
import io.strata.common.util.DaemonThreads;
import io.strata.contracts.provisioning.DetachRequested;
import io.strata.contracts.storage.DeleteSnapshotRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedSource;
import io.strata.engine.SnapshotPoint;
import io.strata.engine.Staging;
import io.strata.engine.UserError;

/**
 * The long parts of a source's operations, on worker threads: the initial load and start of the staging copy,
 * bringing it to a snapshot point, and cleaning up after a failure or a delete. Each ends in one transaction that
 * records the outcome with the command it leads to (a snapshot request), so a crash in the middle only means the
 * worker runs again; the snapshot id was chosen up front, so nothing is ever taken twice.
 */
@ApplicationScoped
public class SourceWorker {

    @Inject
    SourceContexts contexts;

    @Inject
    JobService jobs;

    @Inject
    EventPublisher events;

    @Inject
    SecretStore secrets;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SyncScheduler scheduler;

    private final ExecutorService workers = DaemonThreads.pool("source-worker");

    /** Runs the WORK step with this request id (load or sync) on a worker thread. */
    public void submit(String requestId) {
        workers.execute(() -> run(requestId));
    }

    private void run(String requestId) {
        PendingStep step = QuarkusTransaction.requiringNew().call(() -> PendingStep.findById(requestId));
        if (step == null || step.step != PendingStep.Step.WORK) {
            return;
        }
        Job job = QuarkusTransaction.requiringNew().call(() -> Job.findById(step.jobId));
        Correlation.run(job == null ? null : job.correlationId, null, () -> work(step));
    }

    private void work(PendingStep step) {
        try {
            Source source = QuarkusTransaction.requiringNew().call(() -> Source.findById(step.sourceId));
            EnginePlugin plugin = contexts.plugin(source);
            LinkedSource linked = contexts.linked(source);
            Staging staging = contexts.staging(source, step.path);
            SnapshotPoint point;
            if (step.operation == PendingStep.Operation.SYNC) {
                point = plugin.linked().preSnapshot(linked, staging, (percent, what) -> progress(step, 10 + percent
                        * 8 / 10, what));
            } else {
                if (step.operation == PendingStep.Operation.RESYNC) {
                    progress(step, 20, "stopping the current staging copy");
                    plugin.linked().stopStaging(linked, contexts.staging(source, step.oldPath));
                }
                // A retried load starts again from an empty volume.
                quietly(() -> plugin.linked().stopStaging(linked, staging));
                staging.host().run(List.of("find", step.path, "-mindepth", "1", "-delete"), Map.of(), null, Duration
                        .ofHours(1));
                plugin.linked().initialLoad(linked, staging, (percent, what) -> progress(step, 25 + percent * 6 / 10,
                        what));
                progress(step, 86, "starting the staging copy");
                plugin.linked().startStaging(linked, staging);
                point = plugin.linked().preSnapshot(linked, staging, (percent, what) -> progress(step, 88, what));
            }
            SnapshotPoint taken = point;
            QuarkusTransaction.requiringNew().run(() -> requestSnapshot(step.requestId, taken));
        } catch (UserError e) {
            QuarkusTransaction.requiringNew().run(() -> fail(step.requestId, e.describe()));
        } catch (RuntimeException e) {
            Log.errorf(e, "Source %s: %s failed", step.sourceId, step.operation);
            QuarkusTransaction.requiringNew().run(() -> fail(step.requestId, Errors.rootMessage(e)));
        }
    }

    private void requestSnapshot(String requestId, SnapshotPoint point) {
        PendingStep work = PendingStep.findById(requestId);
        if (work == null || work.step != PendingStep.Step.WORK) {
            return;
        }
        if (work.operation == PendingStep.Operation.RESYNC) {
            Source source = Source.findById(work.sourceId);
            source.volumeId = work.volumeId;
            source.stagingPath = work.path;
        }
        PendingStep next = work.next(PendingStep.Step.SNAPSHOT);
        work.delete();
        next.persist();
        jobs.progress(work.jobId, 92, "snapshot at " + (point.position() != null ? point.position() : point.time()));
        events.publish(new SnapshotRequested(next.requestId, next.volumeId, next.snapshotId, point.position(), point
                .time(), point.metadata()));
    }

    private void progress(PendingStep step, int percent, String what) {
        try {
            jobs.progress(step.jobId, percent, what);
        } catch (RuntimeException e) {
            Log.debugf("Could not record progress of %s: %s", step.jobId, e.getMessage());
        }
    }

    /**
     * Fails a source's running operation, in the current transaction, and cleans up after it on a worker: a failed
     * link stops staging, drops what it left on the source and gives back its volume; a failed resync brings the
     * previous staging copy back.
     */
    @Transactional
    public void fail(String requestId, String error) {
        PendingStep step = PendingStep.findById(requestId);
        if (step == null) {
            return;
        }
        Source source = Source.findById(step.sourceId);
        step.delete();
        jobs.fail(step.jobId, error);
        source.error = error;
        boolean volumeMade = step.step != PendingStep.Step.VOLUME;
        switch (step.operation) {
            case LINK -> {
                source.state = Source.State.FAILED;
                if (volumeMade) {
                    events.publish(new DetachRequested(step.jobId + "-undo-detach", step.volumeId));
                    events.publish(new DeleteVolumeRequested(step.jobId + "-undo-volume", step.volumeId));
                }
                if (step.step == PendingStep.Step.WORK || step.step == PendingStep.Step.SNAPSHOT) {
                    String sourceId = source.id;
                    String path = step.path;
                    afterCommit.run(() -> workers.execute(() -> undoStaging(sourceId, path)));
                }
            }
            case RESYNC -> {
                if (volumeMade) {
                    source.volumeId = step.oldVolumeId;
                    source.stagingPath = step.oldPath;
                    events.publish(new DetachRequested(step.jobId + "-undo-detach", step.volumeId));
                    events.publish(new DeleteVolumeRequested(step.jobId + "-undo-volume", step.volumeId));
                    String sourceId = source.id;
                    String newPath = step.path;
                    String oldPath = step.oldPath;
                    afterCommit.run(() -> workers.execute(() -> restoreStaging(sourceId, newPath, oldPath)));
                }
            }
            case SYNC -> {
                // The staging copy stays as it was; the next sync tries again.
            }
            default -> throw new IllegalStateException(step.operation.toString());
        }
    }

    private void undoStaging(String sourceId, String path) {
        Source source = QuarkusTransaction.requiringNew().call(() -> Source.findById(sourceId));
        EnginePlugin plugin = contexts.plugin(source);
        LinkedSource linked = contexts.linked(source);
        Staging staging = contexts.staging(source, path);
        quietly(() -> plugin.linked().stopStaging(linked, staging));
        quietly(() -> plugin.linked().unlink(linked, staging));
    }

    private void restoreStaging(String sourceId, String newPath, String oldPath) {
        Source source = QuarkusTransaction.requiringNew().call(() -> Source.findById(sourceId));
        EnginePlugin plugin = contexts.plugin(source);
        LinkedSource linked = contexts.linked(source);
        quietly(() -> plugin.linked().stopStaging(linked, contexts.staging(source, newPath)));
        quietly(() -> plugin.linked().startStaging(linked, contexts.staging(source, oldPath)));
    }

    /** After a snapshot: the plugin's post-snapshot step. */
    public void postSnapshot(String sourceId, SnapshotPoint point) {
        workers.execute(() -> {
            Source source = QuarkusTransaction.requiringNew().call(() -> Source.findById(sourceId));
            if (source != null) {
                quietly(() -> contexts.plugin(source).linked().postSnapshot(contexts.linked(source), contexts.staging(
                        source, source.stagingPath), point));
            }
        });
    }

    /** Deletes a source: staging stopped, what linking left on the source removed, storage given back. */
    public void delete(String sourceId, UUID jobId) {
        workers.execute(() -> {
            try {
                Source source = QuarkusTransaction.requiringNew().call(() -> Source.findById(sourceId));
                EnginePlugin plugin = contexts.plugin(source);
                LinkedSource linked = contexts.linked(source);
                jobs.progress(jobId, 20, "stopping the staging copy");
                if (source.stagingPath != null) {
                    Staging staging = contexts.staging(source, source.stagingPath);
                    plugin.linked().stopStaging(linked, staging);
                    jobs.progress(jobId, 50, "removing what linking left on the source");
                    plugin.linked().unlink(linked, staging);
                }
                QuarkusTransaction.requiringNew().run(() -> {
                    Source current = Source.findById(sourceId);
                    if (current.volumeId != null) {
                        events.publish(new DetachRequested(jobId + "-detach", current.volumeId));
                        events.publish(new DeleteVolumeRequested(jobId + "-volume", current.volumeId));
                    }
                    List<SourceSnapshot> snapshots = SourceSnapshot.list("sourceId", sourceId);
                    for (SourceSnapshot snapshot : snapshots) {
                        // The snapshot service keeps (and says so) those that clones or bookmarks still use.
                        events.publish(new DeleteSnapshotRequested(jobId + "-" + snapshot.snapshotId,
                                snapshot.snapshotId));
                    }
                    SourceSnapshot.delete("sourceId", sourceId);
                    if (current.secretRef != null) {
                        secrets.delete(current.secretRef);
                    }
                    current.delete();
                    jobs.succeed(jobId, "source deleted; its volume and " + snapshots.size() + " snapshot(s) are "
                            + "given back, except snapshots that clones or bookmarks still use");
                });
                scheduler.refresh(sourceId);
            } catch (UserError e) {
                QuarkusTransaction.requiringNew().run(() -> {
                    jobs.fail(jobId, e.describe());
                    Source current = Source.findById(sourceId);
                    if (current != null) {
                        current.error = e.describe();
                    }
                });
            } catch (RuntimeException e) {
                Log.errorf(e, "Deleting source %s failed", sourceId);
                QuarkusTransaction.requiringNew().run(() -> jobs.fail(jobId, Errors.rootMessage(e)));
            }
        });
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            Log.warnf("Cleanup step failed: %s", e instanceof UserError user ? user.describe() : e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
