package io.strata.common.jobs;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.DefaultBean;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;

/** The jobs of this service only; the default {@link JobQuery}. */
@DefaultBean
@ApplicationScoped
public class LocalJobQuery implements JobQuery {

    @Inject
    JobService jobs;

    @Override
    public List<JobView> list(JobState state, String resource, int limit) {
        return jobs.list(state, resource, limit);
    }

    @Override
    public JobView get(UUID id) {
        return jobs.get(id);
    }

    @Override
    public JobView cancel(UUID id, String requestedBy) {
        return jobs.requestCancel(id, requestedBy);
    }
}
