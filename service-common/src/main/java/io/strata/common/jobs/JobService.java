package io.strata.common.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.ApiException;
import io.strata.common.events.Correlation;
import io.strata.common.events.EventPublisher;
import io.strata.contracts.jobs.JobProgressed;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;

/**
 * Creates and advances this service's jobs. Every change is written with a {@code JobProgressed} event in the same
 * transaction (joining the caller's, so a job step and the state change it reports commit together), which the
 * catalog turns into the joined view and the CLI into a progress bar.
 */
@ApplicationScoped
public class JobService {

    @Inject
    StrataServiceConfig config;

    @Inject
    EventPublisher events;

    /** A new PENDING job for {@code resource}, carrying the current correlation id. */
    @Transactional
    public Job create(String kind, String resource, String requestedBy) {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.kind = kind;
        job.resource = resource;
        job.state = JobState.PENDING;
        job.step = "waiting to start";
        job.requestedBy = requestedBy;
        job.correlationId = Correlation.current().correlationId();
        job.createdAt = Instant.now();
        job.persist();
        publish(job);
        return job;
    }

    /** Marks the job RUNNING at the given step. */
    @Transactional
    public Job start(UUID id, String step) {
        Job job = lock(id);
        requireOpen(job);
        job.state = JobState.RUNNING;
        job.step = step;
        if (job.startedAt == null) {
            job.startedAt = Instant.now();
        }
        publish(job);
        return job;
    }

    /** Records progress: percent (0–100, never going back) and what happens now. */
    @Transactional
    public Job progress(UUID id, int percent, String step) {
        Job job = lock(id);
        requireOpen(job);
        if (job.state == JobState.PENDING) {
            job.state = JobState.RUNNING;
            job.startedAt = Instant.now();
        }
        job.percent = Math.max(job.percent, Math.min(100, Math.max(0, percent)));
        job.step = step;
        publish(job);
        return job;
    }

    /** Ends the job successfully. */
    @Transactional
    public Job succeed(UUID id, String step) {
        Job job = lock(id);
        requireOpen(job);
        job.state = JobState.SUCCEEDED;
        job.percent = 100;
        job.step = step;
        job.endedAt = Instant.now();
        if (job.startedAt == null) {
            job.startedAt = job.endedAt;
        }
        publish(job);
        return job;
    }

    /** Ends the job as failed with an error that says what went wrong and what to do. */
    @Transactional
    public Job fail(UUID id, String error) {
        Job job = lock(id);
        if (job.state.isTerminal()) {
            return job;
        }
        job.state = JobState.FAILED;
        job.error = error;
        job.endedAt = Instant.now();
        publish(job);
        return job;
    }

    /** Ends a job whose owner honoured a cancel request. */
    @Transactional
    public Job canceled(UUID id, String step) {
        Job job = lock(id);
        if (job.state.isTerminal()) {
            return job;
        }
        job.state = JobState.CANCELED;
        job.step = step;
        job.endedAt = Instant.now();
        publish(job);
        return job;
    }

    /**
     * Asks to cancel: a PENDING job is canceled at once; a RUNNING one is flagged and its owner stops at the next
     * safe point (see {@link #isCancelRequested}). An ended job cannot be canceled (409).
     */
    @Transactional
    public JobView requestCancel(UUID id, String requestedBy) {
        Job job = lock(id);
        if (job.state.isTerminal()) {
            throw ApiException.conflict("Job " + id + " has already ended (" + job.state
                    + "); only PENDING or RUNNING jobs can be canceled.");
        }
        if (job.state == JobState.PENDING) {
            job.state = JobState.CANCELED;
            job.step = "canceled before it started" + (requestedBy != null ? " by " + requestedBy : "");
            job.endedAt = Instant.now();
        } else if (!job.cancelRequested) {
            job.cancelRequested = true;
            job.step = job.step + " (cancel requested)";
        } else {
            return job.toView(service());
        }
        publish(job);
        return job.toView(service());
    }

    /** Whether someone asked to cancel the job; long jobs check this between steps. */
    @Transactional
    public boolean isCancelRequested(UUID id) {
        Job job = Job.findById(id);
        return job != null && job.cancelRequested;
    }

    /** One job, or 404. */
    @Transactional
    public JobView get(UUID id) {
        Job job = Job.findById(id);
        if (job == null) {
            throw ApiException.notFound("job", id);
        }
        return job.toView(service());
    }

    /**
     * The first job started under a correlation id, if any: a caller that starts work under an id of its own (a
     * Kubernetes action resource's uid) finds its job again after a restart instead of starting a second one.
     */
    @Transactional
    public Optional<JobView> firstCorrelatedWith(String correlationId) {
        return Job.<Job>find("correlationId = ?1 order by createdAt", correlationId).firstResultOptional().map(
                job -> job.toView(service()));
    }

    /** This service's jobs, newest first, optionally filtered by state and resource. */
    @Transactional
    public List<JobView> list(JobState state, String resource, int limit) {
        JobFilter filter = JobFilter.of(state, resource);
        return Job.<Job>find(filter.query(), Sort.descending("createdAt"), filter.parameters()).page(0, limit).list()
                .stream().map(job -> job.toView(service())).toList();
    }

    /** Jobs that were PENDING or RUNNING, for recovery after a restart. */
    @Transactional
    public List<Job> unfinished() {
        return Job.list("state in ?1", Sort.ascending("createdAt"), List.of(JobState.PENDING, JobState.RUNNING));
    }

    private Job lock(UUID id) {
        Job job = Job.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw ApiException.notFound("job", id);
        }
        return job;
    }

    private static void requireOpen(Job job) {
        if (job.state.isTerminal()) {
            throw new IllegalStateException("job " + job.id + " has already ended (" + job.state + ")");
        }
    }

    private void publish(Job job) {
        job.sequence++;
        Correlation.run(job.correlationId, Correlation.current().causationId(),
                () -> events.publish(new JobProgressed(job.toView(service()),
                        job.sequence)));
    }

    private String service() {
        return config.service().name();
    }
}
