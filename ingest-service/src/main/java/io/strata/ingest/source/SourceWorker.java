package io.strata.ingest.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.operations.Progress;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedSource;
import io.strata.engine.SnapshotPoint;
import io.strata.engine.Staging;
import io.strata.engine.UserError;

/**
 * The side effects of a source's operations, on the staging and source hosts through the source's engine plugin:
 * load and start a staging copy, bring it to a snapshot point, stop and start it, and remove what linking left. Each is safe
 * to run again after a crash: a load starts from an empty volume, a stop of a stopped copy does nothing.
 */
@ApplicationScoped
public class SourceWorker {

    /** The source's secret parameter that a staging pod gets in its Secret. */

    @Inject
    SourceContexts contexts;

    @Inject
    StagingPods pods;

    /** Loads the staging copy at {@code work.path()} from the source and starts it (link, resync). */
    public SnapshotPoint load(String sourceId, SourceWork work, boolean replacing, Progress progress) {
        Source source = find(sourceId);
        EnginePlugin plugin = contexts.plugin(source);
        LinkedSource linked = contexts.linked(source);
        Staging staging = contexts.staging(source, work.path());
        if (source.stagingNamespace != null) {
            // The pod's init container loads an empty volume; a resync's new claim replaces the pod.
            progress.report(25, "starting the staging pod on claim " + work.path());
            pods.apply(source, work.path(), linked.secrets().get(StagingPods.PASSWORD_PARAMETER));
            pods.awaitReady(source, (percent, what) -> progress.report(30, what));
            progress.report(86, "the staging pod is ready");
            return plugin.linked().preSnapshot(linked, staging, (percent, what) -> progress.report(88, what));
        }
        if (replacing) {
            progress.report(20, "stopping the current staging copy");
            plugin.linked().stopStaging(linked, contexts.staging(source, work.oldPath()));
        }
        // A retried load starts again from an empty volume.
        quietly(() -> plugin.linked().stopStaging(linked, staging));
        staging.host().run(List.of("find", work.path(), "-mindepth", "1", "-delete"), Map.of(), null, Duration
                .ofHours(1));
        plugin.linked().initialLoad(linked, staging, (percent, what) -> progress.report(25 + percent * 6 / 10,
                what));
        progress.report(86, "starting the staging copy");
        plugin.linked().startStaging(linked, staging);
        return plugin.linked().preSnapshot(linked, staging, (percent, what) -> progress.report(88, what));
    }

    /** Brings the running staging copy to a consistent point to snapshot (sync). */
    public SnapshotPoint sync(String sourceId, SourceWork work, Progress progress) {
        Source source = find(sourceId);
        return contexts.plugin(source).linked().preSnapshot(contexts.linked(source), contexts.staging(source, work
                .path()), (percent, what) -> progress.report(10 + percent * 8 / 10, what));
    }

    /** After a failed link: the staging copy stopped and what linking left on the source removed. */
    public void undoLink(String sourceId, String path) {
        Source source = find(sourceId);
        EnginePlugin plugin = contexts.plugin(source);
        LinkedSource linked = contexts.linked(source);
        if (source.stagingNamespace != null) {
            quietly(() -> pods.delete(source));
            quietly(() -> plugin.linked().unlink(linked, contexts.client(source)));
            return;
        }
        Staging staging = contexts.staging(source, path);
        quietly(() -> plugin.linked().stopStaging(linked, staging));
        quietly(() -> plugin.linked().unlink(linked, staging));
    }

    /** After a failed resync: the new staging copy stopped, the previous one started again. */
    public void restoreStaging(String sourceId, String newPath, String oldPath) {
        Source source = find(sourceId);
        EnginePlugin plugin = contexts.plugin(source);
        LinkedSource linked = contexts.linked(source);
        if (source.stagingNamespace != null) {
            quietly(() -> pods.apply(source, oldPath, linked.secrets().get(StagingPods.PASSWORD_PARAMETER)));
            return;
        }
        if (newPath != null) {
            quietly(() -> plugin.linked().stopStaging(linked, contexts.staging(source, newPath)));
        }
        if (source.state != Source.State.DISABLED) {
            quietly(() -> plugin.linked().startStaging(linked, contexts.staging(source, oldPath)));
        }
    }

    /** For a delete: staging stopped and what linking left on the source removed. */
    public void teardown(String sourceId, boolean force, Progress progress) {
        Source source = find(sourceId);
        if (source.stagingPath == null) {
            return;
        }
        EnginePlugin plugin = contexts.plugin(source);
        LinkedSource linked = contexts.linked(source);
        progress.report(20, "stopping the staging copy");
        if (source.stagingNamespace != null) {
            pods.delete(source);
            unlink(source, plugin, linked, contexts.client(source), force, progress);
            return;
        }
        Staging staging = contexts.staging(source, source.stagingPath);
        plugin.linked().stopStaging(linked, staging);
        unlink(source, plugin, linked, staging, force, progress);
    }

    private static void unlink(Source source, EnginePlugin plugin, LinkedSource linked, Staging staging, boolean force,
            Progress progress) {
        progress.report(50, "removing what linking left on the source");
        try {
            plugin.linked().unlink(linked, staging);
        } catch (UserError e) {
            if (!force) {
                throw e;
            }
            // Forced: the source is gone or unreachable; what linking made there (for PostgreSQL its replication
            // slot, which keeps WAL until dropped) is left, and said so.
            Log.warnf("Source %s (%s) deleted without reaching it: %s", source.name, source.id, e.describe());
            progress.report(60, "the source could not be reached; what linking made on it stays: " + e
                    .getMessage());
        }
    }

    /** Stops the staging copy at {@code path} (disable); stopping a stopped copy does nothing, so it may repeat. */
    public void stopStaging(String sourceId, String path, Progress progress) {
        Source source = find(sourceId);
        progress.report(20, "stopping the staging copy");
        if (source.stagingNamespace != null) {
            pods.scale(source, 0);
            return;
        }
        contexts.plugin(source).linked().stopStaging(contexts.linked(source), contexts.staging(source, path));
    }

    /** Starts the staging copy at {@code path} again (enable); a running copy is left running, so it may repeat. */
    public void startStaging(String sourceId, String path, Progress progress) {
        Source source = find(sourceId);
        progress.report(20, "starting the staging copy");
        if (source.stagingNamespace != null) {
            pods.scale(source, 1);
            pods.awaitReady(source, (percent, what) -> progress.report(30, what));
            return;
        }
        contexts.plugin(source).linked().startStaging(contexts.linked(source), contexts.staging(source, path));
    }

    /** After a snapshot: the plugin's post-snapshot step, quietly (the snapshot is taken already). */
    public void postSnapshot(String sourceId, SnapshotPoint point) {
        Source source = find(sourceId);
        if (source != null) {
            quietly(() -> contexts.plugin(source).linked().postSnapshot(contexts.linked(source), contexts.staging(
                    source, source.stagingPath), point));
        }
    }

    /** Removes the source's kept log before {@code firstNeeded}; a failure is logged, and the next trim retries. */
    public void trimLog(String sourceId, String firstNeeded) {
        Source source = find(sourceId);
        if (source != null && source.stagingPath != null) {
            quietly(() -> contexts.plugin(source).linked().trimLog(contexts.linked(source), contexts.staging(source,
                    source.stagingPath), firstNeeded));
        }
    }

    private static Source find(String sourceId) {
        return QuarkusTransaction.requiringNew().call(() -> Source.findById(sourceId));
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            Log.warnf("Cleanup step failed: %s", e instanceof UserError user ? user.describe() : e.getMessage());
        }
    }
}
