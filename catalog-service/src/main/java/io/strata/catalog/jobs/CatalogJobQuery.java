package io.strata.catalog.jobs;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.JobFilter;
import io.strata.common.jobs.JobQuery;
import io.strata.common.jobs.JobService;
import io.strata.contracts.jobs.JobCancelRequested;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;

/**
 * The joined view of every service's jobs behind {@code /api/v1/jobs}. Canceling a job of another service sends that
 * service a {@link JobCancelRequested}; the view changes when the owner reports back.
 */
@ApplicationScoped
public class CatalogJobQuery implements JobQuery {

    @Inject
    StrataServiceConfig config;

    @Inject
    JobService localJobs;

    @Inject
    EventPublisher events;

    @Override
    @Transactional
    public List<JobView> list(JobState state, String resource, int limit) {
        JobFilter filter = JobFilter.of(state, resource);
        return JobViewEntity.<JobViewEntity>find(filter.query(), Sort.descending("createdAt"), filter.parameters())
                .page(0, limit).list().stream().map(JobViewEntity::toView).toList();
    }

    @Override
    @Transactional
    public JobView get(UUID id) {
        return find(id).toView();
    }

    @Override
    @Transactional
    public JobView cancel(UUID id, String requestedBy) {
        JobViewEntity view = find(id);
        if (view.service.equals(config.service().name())) {
            return localJobs.requestCancel(id, requestedBy);
        }
        if (view.state.isTerminal()) {
            throw ApiException.conflict("Job " + id + " has already ended (" + view.state
                    + "); only PENDING or RUNNING jobs can be canceled.");
        }
        events.publish(new JobCancelRequested(id, view.service, requestedBy));
        return view.toView();
    }

    /** The job's changes in the order the owner made them. */
    @Transactional
    public List<JobChange> history(UUID id) {
        find(id);
        return JobChange.list("jobId", Sort.ascending("sequence", "id"), id);
    }

    private JobViewEntity find(UUID id) {
        JobViewEntity view = JobViewEntity.findById(id);
        if (view == null) {
            throw ApiException.notFound("job", id);
        }
        return view;
    }
}
