package io.strata.provisioning.vdb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.strata.common.events.EventPublisher;
import io.strata.common.operations.OperationMachine;
import io.strata.contracts.provisioning.VdbFailed;
import io.strata.engine.UserError;
import io.strata.engine.VirtualStatus;

/**
 * Notices virtual databases whose engine died: every few seconds each RUNNING one that no operation is working on
 * is asked for its status; one that does not run becomes FAILED, with the reason from the engine's log, and a
 * {@link VdbFailed} event. {@code POST /vdbs/{id}/start} brings it back.
 */
@ApplicationScoped
public class VdbMonitor {

    @Inject
    VdbContexts contexts;

    @Inject
    OperationMachine operations;

    @Inject
    EventPublisher events;

    @Inject
    KubernetesEngines kubernetes;

    @Inject
    VdbResume resume;

    @Scheduled(every = "${strata.provisioning.monitor-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!resume.done()) {
            // The engines stopped while the service was down are being started again.
            return;
        }
        for (Vdb vdb : QuarkusTransaction.requiringNew().call(() -> Vdb.<Vdb>list("status", Vdb.Status.RUNNING))) {
            // An engine in a pod is the kubelet's to watch and restart.
            if (busy(vdb.id) || kubernetes.onKubernetes(vdb)) {
                continue;
            }
            VirtualStatus status;
            try {
                status = contexts.plugin(vdb.engine).virtual().status(contexts.virtual(vdb, vdb.path));
            } catch (UserError e) {
                Log.debugf("Cannot check %s: %s", vdb.name, e.describe());
                continue;
            }
            if (!status.running()) {
                QuarkusTransaction.requiringNew().run(() -> {
                    Vdb current = Vdb.findById(vdb.id);
                    // What was probed must still be what runs: a refresh or rewind that ended meanwhile moved the
                    // virtual database to another clone (another life), whose engine is up.
                    boolean unchanged = java.util.Objects.equals(current.path, vdb.path) && current.life == vdb.life;
                    if (current.status == Vdb.Status.RUNNING && unchanged && !busy(vdb.id)) {
                        current.status = Vdb.Status.FAILED;
                        current.error = status.detail();
                        Log.warnf("Virtual database %s is not running: %s", vdb.name, status.detail());
                        events.publish(new VdbFailed(vdb.id, status.detail()));
                    }
                });
            }
        }
    }

    private boolean busy(String vdbId) {
        return operations.running(vdbId) != null;
    }
}
