package io.strata.common.jobs;

import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.errors.Errors;
import io.strata.common.events.Correlation;
import io.strata.common.tx.AfterCommit;
import io.strata.common.util.DaemonThreads;

/**
 * Runs long operations as jobs: the job is created in the caller's transaction (so it exists exactly when the
 * request that asked for it committed), and the work starts on a worker thread after the commit. The work's outcome
 * ends the job: SUCCEEDED, FAILED with the error, or CANCELED when it stopped at a safe point after a cancel request.
 */
@ApplicationScoped
public class JobRunner {

    @Inject
    JobService jobs;

    @Inject
    AfterCommit afterCommit;

    private final ExecutorService workers = DaemonThreads.pool("job-worker");

    /** Creates a PENDING job for {@code resource} and runs {@code work} once the current transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job submit(String kind, String resource, String requestedBy, JobWork work) {
        Job job = jobs.create(kind, resource, requestedBy);
        UUID id = job.id;
        String correlationId = job.correlationId;
        afterCommit.run(() -> workers.execute(() -> Correlation.run(correlationId, null, () -> execute(id, work))));
        return job;
    }

    /** Runs the work of an existing job now, on the calling thread (used to resume jobs after a restart). */
    public void execute(UUID id, JobWork work) {
        try {
            jobs.start(id, "starting");
            String done = work.run(new JobContext(id, jobs));
            jobs.succeed(id, done != null ? done : "done");
        } catch (JobContext.JobCanceledException e) {
            jobs.canceled(id, "canceled on request");
        } catch (ApiException e) {
            jobs.fail(id, e.getMessage());
        } catch (Exception e) {
            Log.errorf(e, "Job %s failed", id);
            jobs.fail(id, Errors.rootMessage(e));
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
