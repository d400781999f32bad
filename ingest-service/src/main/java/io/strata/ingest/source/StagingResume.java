package io.strata.ingest.source;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.strata.common.operations.OperationMachine;
import io.strata.common.util.DaemonThreads;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedSource;
import io.strata.engine.Staging;
import io.strata.engine.UserError;

/**
 * When the service starts, the staging copies of active sources that do not run are started again: their engines were
 * stopped while the service was down (a {@code make down ENGINES=1}, a reboot of the staging host), and without them
 * no sync can be taken. A disabled source's copy stays stopped; one that an operation is working on is that
 * operation's. It runs beside the start-up, not in its way, and a copy that cannot be started is logged and left for
 * the next sync to report.
 */
@ApplicationScoped
public class StagingResume {

    @Inject
    SourceContexts contexts;

    @Inject
    OperationMachine operations;

    void onStart(@Observes StartupEvent start) {
        DaemonThreads.pool("staging-resume").execute(this::resumeAll);
    }

    /** Starts every active source's staging copy that does not run; how many it started. */
    int resumeAll() {
        List<Source> active = QuarkusTransaction.requiringNew().call(() -> Source.<Source>list("state",
                Source.State.ACTIVE));
        int started = 0;
        for (Source source : active) {
            // Kubernetes starts a staging pod again by itself.
            if (source.stagingPath == null || source.stagingNamespace != null
                    || operations.running(source.id) != null) {
                continue;
            }
            try {
                EnginePlugin plugin = contexts.plugin(source);
                LinkedSource linked = contexts.linked(source);
                Staging staging = contexts.staging(source, source.stagingPath);
                if (!plugin.linked().status(linked, staging).running()) {
                    plugin.linked().startStaging(linked, staging);
                    Log.infof("The staging copy of source %s was not running; started it again", source.name);
                    started++;
                }
            } catch (RuntimeException e) {
                Log.warnf("The staging copy of source %s could not be started again: %s", source.name,
                        e instanceof UserError user ? user.describe() : e.getMessage());
            }
        }
        return started;
    }
}
