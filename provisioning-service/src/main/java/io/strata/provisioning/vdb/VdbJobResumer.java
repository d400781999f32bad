package io.strata.provisioning.vdb;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobResumer;
import io.strata.common.jobs.JobService;

/**
 * Picks virtual databases' operations up after a restart: waiting for a clone or a snapshot needs nothing (the answer
 * is in Kafka); a worker step that was running runs again (configure and start are safe to repeat), so an
 * interrupted provisioning ends with a running virtual database, or with nothing if it then fails.
 */
@ApplicationScoped
public class VdbJobResumer implements JobResumer {

    private static final Set<String> KINDS = Set.of("vdb.provision", "vdb.refresh", "vdb.rewind", "vdb.snapshot");

    @Inject
    VdbWorker worker;

    @Inject
    JobService jobs;

    @Override
    public boolean handles(String kind) {
        return KINDS.contains(kind);
    }

    @Override
    public void resume(Job job) {
        VdbStep step = QuarkusTransaction.requiringNew().call(() -> VdbStep.<VdbStep>find("jobId", job.id)
                .firstResult());
        if (step == null) {
            jobs.fail(job.id, "The provisioning service restarted and found nothing left of this operation; run it "
                    + "again.");
        } else if (step.step == VdbStep.Step.PREPARE || step.step == VdbStep.Step.WORK) {
            worker.submit(step.requestId);
        }
    }
}
