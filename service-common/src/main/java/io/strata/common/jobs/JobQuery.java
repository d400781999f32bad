package io.strata.common.jobs;

import java.util.List;
import java.util.UUID;

import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;

/**
 * What {@code /api/v1/jobs} shows. Each service answers with its own jobs ({@link LocalJobQuery}); the catalog
 * replaces this bean with the joined view of every service's jobs.
 */
public interface JobQuery {

    /** Jobs, newest first. */
    List<JobView> list(JobState state, String resource, int limit);

    /** One job, or an {@code ApiException} 404. */
    JobView get(UUID id);

    /** Asks to cancel a job. */
    JobView cancel(UUID id, String requestedBy);
}
