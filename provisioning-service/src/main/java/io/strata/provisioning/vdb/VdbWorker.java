package io.strata.provisioning.vdb;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.provisioning.VdbReady;
import io.strata.contracts.storage.DeleteSnapshotRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;
import io.strata.engine.EnginePlugin;
import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;
import io.strata.provisioning.known.KnownSnapshot;

/**
 * The work on targets, on worker threads: configure and start an engine on a new clone, stop it before a refresh or
 * rewind, run hooks, and clean up after a failure or a delete. A provisioning that fails gives back everything it
 * made (engine stopped, work directory, clone), so no virtual database is left half-made.
 */
@ApplicationScoped
public class VdbWorker {

    @Inject
    VdbContexts contexts;

    @Inject
    JobService jobs;

    @Inject
    EventPublisher events;

    @Inject
    SecretStore secrets;

    @Inject
    AfterCommit afterCommit;

    @Inject
    VdbService service;

    private final ExecutorService workers = DaemonThreads.pool("vdb-worker");

    /** Runs the PREPARE or WORK step with this request id on a worker thread. */
    public void submit(String requestId) {
        workers.execute(() -> {
            VdbStep step = QuarkusTransaction.requiringNew().call(() -> VdbStep.findById(requestId));
            if (step == null) {
                return;
            }
            Job job = QuarkusTransaction.requiringNew().call(() -> Job.findById(step.jobId));
            Correlation.run(job == null ? null : job.correlationId, null, () -> run(step));
        });
    }

    private void run(VdbStep step) {
        try {
            Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(step.vdbId));
            EnginePlugin plugin = contexts.plugin(vdb.engine);
            String operation = step.operation.name().charAt(0) + step.operation.name().substring(1).toLowerCase();
            if (step.step == VdbStep.Step.PREPARE) {
                hook(vdb, "pre" + operation);
                if (vdb.path != null) {
                    VirtualDatabase current = contexts.virtual(vdb, vdb.path);
                    if (step.operation == VdbStep.Operation.REWIND && step.recoveryTime != null) {
                        plugin.virtual().endLog(current);
                    }
                    progress(step, 5, "stopping the engine");
                    plugin.virtual().stop(current);
                }
                QuarkusTransaction.requiringNew().run(() -> service.requestClone(VdbStep.findById(step.requestId), Vdb
                        .findById(step.vdbId)));
                return;
            }
            VirtualDatabase target = contexts.virtualForNewLife(withSnapshot(vdb, step.snapshotId), step);
            if (step.operation == VdbStep.Operation.PROVISION) {
                hook(vdb, "preProvision");
            }
            progress(step, 50, "configuring " + vdb.engine + " on " + step.path);
            plugin.virtual().configure(target);
            progress(step, 70, step.recoveryTime != null ? "recovering to " + step.recoveryTime : "starting");
            plugin.virtual().start(target);
            hook(vdb, "post" + operation);
            QuarkusTransaction.requiringNew().run(() -> ready(step.requestId));
        } catch (UserError e) {
            QuarkusTransaction.requiringNew().run(() -> fail(step.requestId, e.describe()));
        } catch (RuntimeException e) {
            Log.errorf(e, "Virtual database %s: %s failed", step.vdbId, step.operation);
            QuarkusTransaction.requiringNew().run(() -> fail(step.requestId, Errors.rootMessage(e)));
        }
    }

    private static Vdb withSnapshot(Vdb vdb, String snapshotId) {
        vdb.snapshotId = snapshotId;
        return vdb;
    }

    private void ready(String requestId) {
        VdbStep step = VdbStep.findById(requestId);
        Vdb vdb = Vdb.findById(step.vdbId);
        String oldVolume = vdb.volumeId;
        vdb.status = Vdb.Status.RUNNING;
        vdb.volumeId = step.volumeId;
        vdb.path = step.path;
        vdb.snapshotId = step.snapshotId;
        vdb.recoveryTime = step.recoveryTime;
        vdb.error = null;
        int endedLife = vdb.life;
        vdb.life = endedLife + 1;
        vdb.lifeStartedAt = Instant.now();
        step.delete();
        if (endedLife > 0) {
            // The new life replayed what it needed of the old one's log.
            String oldLog = contexts.ownLog(vdb, endedLife);
            HostConnection host = contexts.connect(contexts.environment(vdb.environmentId));
            afterCommit.run(() -> workers.execute(() -> quietly(() -> host.run(List.of("rm", "-rf", oldLog), Map
                    .of(), null, Duration.ofMinutes(5)))));
        }
        if (oldVolume != null && !oldVolume.equals(step.volumeId)) {
            events.publish(new DetachRequested(step.jobId + "-old-detach", oldVolume));
            events.publish(new DeleteVolumeRequested(step.jobId + "-old-volume", oldVolume));
        }
        jobs.succeed(step.jobId, vdb.name + " accepts connections on port " + vdb.port);
        events.publish(new VdbReady(service.view(vdb), step.operation.name().toLowerCase()));
    }

    /** Fails an operation in the current transaction; cleans up on a worker after the commit. */
    @Transactional
    public void fail(String requestId, String error) {
        VdbStep step = VdbStep.findById(requestId);
        if (step == null) {
            return;
        }
        Vdb vdb = Vdb.findById(step.vdbId);
        step.delete();
        jobs.fail(step.jobId, error);
        vdb.error = error;
        boolean cloned = step.step == VdbStep.Step.WORK || step.step == VdbStep.Step.ATTACH;
        if (cloned) {
            events.publish(new DetachRequested(step.jobId + "-undo-detach", step.volumeId));
            events.publish(new DeleteVolumeRequested(step.jobId + "-undo-volume", step.volumeId));
        }
        String vdbId = vdb.id;
        String newPath = step.step == VdbStep.Step.WORK ? step.path : null;
        switch (step.operation) {
            case PROVISION -> {
                vdb.status = Vdb.Status.FAILED;
                vdb.released = true;
                afterCommit.run(() -> workers.execute(() -> undo(vdbId, newPath)));
            }
            case REFRESH, REWIND -> {
                // The old clone is still there: bring the engine back on it.
                afterCommit.run(() -> workers.execute(() -> restore(vdbId, newPath)));
            }
            case SNAPSHOT -> {
            }
            default -> throw new IllegalStateException(step.operation.toString());
        }
    }

    private void undo(String vdbId, String path) {
        Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
        if (path != null) {
            quietly(() -> {
                VirtualDatabase target = contexts.virtual(vdb, path);
                contexts.plugin(vdb.engine).virtual().stop(target);
                contexts.plugin(vdb.engine).virtual().unconfigure(target);
            });
        }
    }

    private void restore(String vdbId, String newPath) {
        Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
        EnginePlugin plugin = contexts.plugin(vdb.engine);
        if (newPath != null) {
            quietly(() -> plugin.virtual().stop(contexts.virtual(vdb, newPath)));
        }
        boolean back;
        try {
            plugin.virtual().start(contexts.virtual(vdb, vdb.path));
            back = true;
        } catch (RuntimeException e) {
            back = false;
        }
        boolean running = back;
        QuarkusTransaction.requiringNew().run(() -> Vdb.<Vdb>findById(vdbId).status = running
                ? Vdb.Status.RUNNING
                : Vdb.Status.FAILED);
    }

    /** Starts the engine (with its hooks); returns the job's final step. */
    public String start(String vdbId) {
        Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
        hook(vdb, "preStart");
        contexts.plugin(vdb.engine).virtual().start(contexts.virtual(vdb, vdb.path));
        hook(vdb, "postStart");
        QuarkusTransaction.requiringNew().run(() -> {
            Vdb current = Vdb.findById(vdbId);
            current.status = Vdb.Status.RUNNING;
            current.error = null;
            events.publish(new VdbReady(service.view(current), "start"));
        });
        return vdb.name + " accepts connections on port " + vdb.port;
    }

    /** Stops the engine (with its hooks). */
    public String stop(String vdbId) {
        Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
        hook(vdb, "preStop");
        contexts.plugin(vdb.engine).virtual().stop(contexts.virtual(vdb, vdb.path));
        hook(vdb, "postStop");
        QuarkusTransaction.requiringNew().run(() -> Vdb.<Vdb>findById(vdbId).status = Vdb.Status.STOPPED);
        return vdb.name + " stopped";
    }

    /** Deletes: engine stopped, work directory removed, clone and unused snapshots given back. */
    public String delete(String vdbId, boolean released) {
        Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
        if (!released && vdb.path != null) {
            EnginePlugin plugin = contexts.plugin(vdb.engine);
            VirtualDatabase target = contexts.virtual(vdb, vdb.path);
            plugin.virtual().stop(target);
            plugin.virtual().unconfigure(target);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Vdb current = Vdb.findById(vdbId);
            if (!released && current.volumeId != null) {
                events.publish(new DetachRequested("delete-" + vdbId + "-detach", current.volumeId));
                events.publish(new DeleteVolumeRequested("delete-" + vdbId + "-volume", current.volumeId));
            }
            for (KnownSnapshot snapshot : KnownSnapshot.<KnownSnapshot>list("dataset = ?1 and deleted = false",
                    vdbId)) {
                events.publish(new DeleteSnapshotRequested("delete-" + snapshot.id, snapshot.id));
            }
            current.status = Vdb.Status.DELETED;
            current.released = true;
            secrets.delete(current.secretRef);
            events.publish(new VdbDeleted(vdbId, current.name));
        });
        return vdb.name + " deleted";
    }

    /** Makes the running engine's commits durable on the clone before a snapshot. */
    void flush(String vdbId) {
        Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
        if (vdb.status == Vdb.Status.RUNNING) {
            contexts.plugin(vdb.engine).virtual().preSnapshot(contexts.virtual(vdb, vdb.path));
        }
    }

    /** Runs a hook, then {@code then}, on a worker; a failing hook fails the step's job. */
    public void runHook(String vdbId, String hook, Runnable then) {
        workers.execute(() -> {
            Vdb vdb = QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
            try {
                hook(vdb, hook);
                then.run();
            } catch (UserError e) {
                VdbStep step = QuarkusTransaction.requiringNew().call(() -> VdbStep.ofVdb(vdbId));
                if (step != null) {
                    QuarkusTransaction.requiringNew().run(() -> fail(step.requestId, e.describe()));
                }
            }
        });
    }

    /** Runs one of the virtual database's hooks on its target, if it has that hook. */
    void hook(Vdb vdb, String name) {
        String command = contexts.metadata(vdb.hooks).get(name);
        if (command == null || command.isBlank()) {
            return;
        }
        HostConnection host = contexts.connect(contexts.environment(vdb.environmentId));
        HostConnection.Result result = host.run(List.of("sh", "-c", command), Map.of("STRATA_VDB_ID", vdb.id,
                "STRATA_VDB_NAME", vdb.name, "STRATA_VDB_PORT", String.valueOf(vdb.port), "STRATA_VDB_DATA",
                String.valueOf(vdb.path)), null, Duration.ofMinutes(10));
        if (result.exitCode() != 0) {
            throw new UserError("The " + name + " hook of " + vdb.name + " failed (exit " + result.exitCode() + ").",
                    "Fix the hook command; its output is below.", (result.stdout() + result
                            .stderr()).strip());
        }
    }

    private void progress(VdbStep step, int percent, String what) {
        try {
            jobs.progress(step.jobId, percent, what);
        } catch (RuntimeException e) {
            Log.debugf("Could not record progress: %s", e.getMessage());
        }
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
