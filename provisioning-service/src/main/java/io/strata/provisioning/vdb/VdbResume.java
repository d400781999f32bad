package io.strata.provisioning.vdb;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.strata.common.operations.OperationMachine;
import io.strata.common.util.DaemonThreads;

/**
 * When the service starts, the engines of running virtual databases that do not run are started again: they were
 * stopped while the service was down (a {@code make down ENGINES=1}, a reboot of their host), and their users expect
 * them back, as Delphix brings VDBs back after a reboot. A virtual database stopped on request stays stopped; one an
 * operation is working on is that operation's; one in a pod is the kubelet's. {@link VdbMonitor} waits until this is
 * done, so a virtual database on its way back is not marked FAILED; one that cannot be started is.
 */
@ApplicationScoped
public class VdbResume {

    @Inject
    VdbContexts contexts;

    @Inject
    VdbWorker worker;

    @Inject
    KubernetesEngines kubernetes;

    @Inject
    OperationMachine operations;

    private final CountDownLatch done = new CountDownLatch(1);

    void onStart(@Observes StartupEvent start) {
        DaemonThreads.pool("vdb-resume").execute(() -> {
            try {
                resumeAll();
            } finally {
                done.countDown();
            }
        });
    }

    /** Whether the engines have been looked at since the service started. */
    boolean done() {
        return done.getCount() == 0;
    }

    /** Starts every running virtual database's engine that does not run; how many it started. */
    int resumeAll() {
        List<Vdb> running = QuarkusTransaction.requiringNew().call(() -> Vdb.<Vdb>list("status",
                Vdb.Status.RUNNING));
        int started = 0;
        for (Vdb vdb : running) {
            if (vdb.path == null || operations.running(vdb.id) != null || kubernetes.onKubernetes(vdb)) {
                continue;
            }
            try {
                if (!contexts.plugin(vdb.engine).virtual().status(contexts.virtual(vdb, vdb.path)).running()) {
                    worker.start(vdb.id);
                    Log.infof("The engine of virtual database %s was not running; started it again on port %d",
                            vdb.name, vdb.port);
                    started++;
                }
            } catch (RuntimeException e) {
                Log.warnf("The engine of virtual database %s could not be started again: %s", vdb.name, VdbWorker
                        .describe(e));
            }
        }
        return started;
    }
}
