package io.strata.common.jobs;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.config.StrataServiceConfig;
import io.strata.common.events.TypedEventHandler;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.jobs.JobCancelRequested;
import io.strata.contracts.jobs.JobState;

/** Cancels this service's jobs when the catalog relays a user's cancel request. */
@ApplicationScoped
public class JobCancelHandler extends TypedEventHandler<JobCancelRequested> {

    @Inject
    StrataServiceConfig config;

    @Inject
    JobService jobs;

    public JobCancelHandler() {
        super(JobCancelRequested.class, Set.of(Topics.CATALOG));
    }

    @Override
    protected void handle(JobCancelRequested request, EventEnvelope envelope) {
        if (!config.service().name().equals(request.service())) {
            return;
        }
        Job job = Job.findById(request.jobId());
        if (job != null && !job.state.isTerminal() && !(job.state == JobState.RUNNING && job.cancelRequested)) {
            jobs.requestCancel(request.jobId(), request.requestedBy());
        }
    }
}
