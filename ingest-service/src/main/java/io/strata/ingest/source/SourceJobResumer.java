package io.strata.ingest.source;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobResumer;
import io.strata.common.jobs.JobService;

/**
 * Picks sources' operations up after a restart: one waiting for another service's answer needs nothing (the request
 * is in Kafka and the answer will come); one whose worker was running is run again; a delete is finished.
 */
@ApplicationScoped
public class SourceJobResumer implements JobResumer {

    private static final Set<String> KINDS = Set.of("source.link", "source.sync", "source.resync", "source.delete");

    @Inject
    SourceWorker worker;

    @Inject
    JobService jobs;

    @Override
    public boolean handles(String kind) {
        return KINDS.contains(kind);
    }

    @Override
    public void resume(Job job) {
        if ("source.delete".equals(job.kind)) {
            worker.delete(job.resource, job.id);
            return;
        }
        PendingStep step = QuarkusTransaction.requiringNew().call(() -> PendingStep.<PendingStep>find("jobId", job.id)
                .firstResult());
        if (step == null) {
            jobs.fail(job.id, "The ingest service restarted and found nothing left of this operation; run it again.");
        } else if (step.step == PendingStep.Step.WORK) {
            worker.submit(step.requestId);
        }
    }
}
