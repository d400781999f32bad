package io.strata.provisioning.vdb;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.operations.Progress;
import io.strata.engine.EnginePlugin;
import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;

/**
 * The side effects of a virtual database's operations on its target, through its engine plugin: configure and
 * start an engine on a new clone, stop it before a refresh or rewind, run hooks, and undo what a failed operation
 * started. Each is safe to run again after a crash: configure stops an engine a previous attempt left on the same
 * clone, a stop of a stopped engine does nothing.
 */
@ApplicationScoped
public class VdbWorker {

    @Inject
    VdbContexts contexts;

    @Inject
    KubernetesEngines kubernetes;

    /** Before a new clone replaces the current one: the pre-hook, the end of the kept log, the engine stopped. */
    public void prepare(String vdbId, VdbOperation operation, Instant recoveryTime, Progress progress) {
        Vdb vdb = find(vdbId);
        hook(vdb, VdbHook.of("pre", operation));
        if (vdb.path == null) {
            return;
        }
        if (kubernetes.onKubernetes(vdb)) {
            progress.report(5, "stopping the engine's pod");
            kubernetes.scale(vdb, false);
            return;
        }
        EnginePlugin plugin = contexts.plugin(vdb.engine);
        VirtualDatabase current = contexts.virtual(vdb, vdb.path);
        if (operation == VdbOperation.REWIND && recoveryTime != null) {
            plugin.virtual().endLog(current);
        }
        progress.report(5, "stopping the engine");
        plugin.virtual().stop(current);
    }

    /** Configures and starts the engine on the new clone at {@code work.path()}, with its hooks. */
    public void configure(String vdbId, VdbOperation operation, VdbWork work, Progress progress) {
        Vdb vdb = find(vdbId);
        vdb.snapshotId = work.snapshotId();
        if (kubernetes.onKubernetes(vdb)) {
            progress.report(50, "running " + vdb.engine + " in a pod on claim " + work.path());
            kubernetes.configure(vdb, work.path(), work.clonePath());
            return;
        }
        EnginePlugin plugin = contexts.plugin(vdb.engine);
        VirtualDatabase target = contexts.virtualForNewLife(vdb, operation == VdbOperation.REWIND, work
                .recoveryTime(), work.path());
        if (operation == VdbOperation.PROVISION) {
            hook(vdb, VdbHook.preProvision);
        }
        progress.report(50, "configuring " + vdb.engine + " on " + work.path());
        plugin.virtual().configure(target);
        progress.report(70, work.recoveryTime() != null ? "recovering to " + work.recoveryTime() : "starting");
        plugin.virtual().start(target);
        hook(vdb, VdbHook.of("post", operation));
    }

    /** Before a snapshot: the pre-hook, then the running engine's commits made durable on the clone. */
    public void flush(String vdbId) {
        Vdb vdb = find(vdbId);
        hook(vdb, VdbHook.preSnapshot);
        if (vdb.status == Vdb.Status.RUNNING && kubernetes.onKubernetes(vdb)) {
            kubernetes.flush(vdb);
        } else if (vdb.status == Vdb.Status.RUNNING) {
            contexts.plugin(vdb.engine).virtual().preSnapshot(contexts.virtual(vdb, vdb.path));
        }
    }

    /** Starts the engine on the current clone, with its hooks. */
    public void start(String vdbId) {
        Vdb vdb = find(vdbId);
        if (kubernetes.onKubernetes(vdb)) {
            kubernetes.scale(vdb, true);
            return;
        }
        hook(vdb, VdbHook.preStart);
        contexts.plugin(vdb.engine).virtual().start(contexts.virtual(vdb, vdb.path));
        hook(vdb, VdbHook.postStart);
    }

    /** Stops the engine, with its hooks. */
    public void stop(String vdbId) {
        Vdb vdb = find(vdbId);
        if (kubernetes.onKubernetes(vdb)) {
            kubernetes.scale(vdb, false);
            return;
        }
        hook(vdb, VdbHook.preStop);
        contexts.plugin(vdb.engine).virtual().stop(contexts.virtual(vdb, vdb.path));
        hook(vdb, VdbHook.postStop);
    }

    /** For a delete: the engine stopped and its files outside the clone removed. */
    public void remove(String vdbId) {
        Vdb vdb = find(vdbId);
        if (kubernetes.onKubernetes(vdb)) {
            kubernetes.remove(vdb);
        } else if (vdb.path != null) {
            EnginePlugin plugin = contexts.plugin(vdb.engine);
            VirtualDatabase target = contexts.virtual(vdb, vdb.path);
            plugin.virtual().stop(target);
            plugin.virtual().unconfigure(target);
        }
    }

    /**
     * After a failure: stops an engine the operation may have started on the new clone at {@code path} (and, for a
     * provision, removes its files). Returns whether it is down.
     */
    public boolean stopNew(String vdbId, String path, boolean unconfigure) {
        Vdb vdb = find(vdbId);
        try {
            if (kubernetes.onKubernetes(vdb)) {
                // A failed provision takes its objects away; a failed move puts them back on the old claim (restart).
                if (unconfigure) {
                    kubernetes.remove(vdb);
                }
                return true;
            }
            VirtualDatabase target = contexts.virtual(vdb, path);
            contexts.plugin(vdb.engine).virtual().stop(target);
            if (unconfigure) {
                contexts.plugin(vdb.engine).virtual().unconfigure(target);
            }
            return true;
        } catch (RuntimeException e) {
            Log.errorf("The engine of %s on %s could not be stopped; its clone is kept: %s", vdb.name, path,
                    describe(e));
            return false;
        }
    }

    /** After a failed refresh or rewind: the engine started again on the clone it ran on. Returns whether it runs. */
    public boolean restart(String vdbId) {
        Vdb vdb = find(vdbId);
        if (vdb.path == null) {
            return false;
        }
        try {
            if (kubernetes.onKubernetes(vdb)) {
                kubernetes.restart(vdb);
                return true;
            }
            contexts.plugin(vdb.engine).virtual().start(contexts.virtual(vdb, vdb.path));
            return true;
        } catch (RuntimeException e) {
            Log.warnf("%s could not be started again on its previous clone: %s", vdb.name, describe(e));
            return false;
        }
    }

    /** Removes the log a life kept, once a new life replayed what it needed of it. */
    public void removeLog(String environmentId, String log) {
        HostConnection host = contexts.connect(contexts.environment(environmentId));
        quietly(() -> host.run(List.of("rm", "-rf", log), Map.of(), null, Duration.ofMinutes(5)));
    }

    /** Runs a hook whose failure no longer changes the outcome (post-snapshot), logging a failure. */
    public void hookQuietly(String vdbId, VdbHook hook) {
        quietly(() -> hook(find(vdbId), hook));
    }

    /** Runs one of the virtual database's hooks on its target, if it has that hook. */
    void hook(Vdb vdb, VdbHook hook) {
        String name = hook.name();
        String command = vdb.hooks == null ? null : vdb.hooks.get(name);
        if (command == null || command.isBlank()) {
            return;
        }
        HostConnection host = contexts.connect(contexts.environment(vdb.environmentId));
        HostConnection.Result result = host.run(List.of("sh", "-c", command), Map.of("STRATA_VDB_ID", vdb.id,
                "STRATA_VDB_NAME", vdb.name, "STRATA_VDB_PORT", String.valueOf(vdb.port), "STRATA_VDB_DATA",
                String.valueOf(vdb.path)), null, Duration.ofMinutes(10));
        if (result.exitCode() != 0) {
            throw new UserError("The " + name + " hook of " + vdb.name + " failed (exit " + result.exitCode() + ").",
                    "Fix the hook command; its output is below.", (result.stdout() + result.stderr()).strip());
        }
    }

    private static Vdb find(String vdbId) {
        return QuarkusTransaction.requiringNew().call(() -> Vdb.findById(vdbId));
    }

    static String describe(RuntimeException error) {
        return error instanceof UserError user ? user.describe() : io.strata.common.errors.Errors.rootMessage(error);
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            Log.warnf("Cleanup step failed: %s", describe(e));
        }
    }
}
