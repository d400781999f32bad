package io.strata.catalog.jobs;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.common.events.TypedEventHandler;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.jobs.JobProgressed;

/**
 * Builds the joined job view from every service's {@code JobProgressed}: the latest state of each job (an event older
 * than what is shown is kept in the history but does not move the view back) and the history of its changes.
 */
@ApplicationScoped
public class JobProgressedHandler extends TypedEventHandler<JobProgressed> {

    public JobProgressedHandler() {
        super(JobProgressed.class, Set.copyOf(Topics.SERVICES));
    }

    @Override
    protected void handle(JobProgressed event, EventEnvelope envelope) {
        JobViewEntity view = JobViewEntity.findById(event.job().id());
        if (view == null) {
            view = new JobViewEntity();
            view.apply(event.job(), event.sequence());
            view.persist();
        } else if (event.sequence() > view.sequence) {
            view.apply(event.job(), event.sequence());
        }
        JobChange change = new JobChange();
        change.jobId = event.job().id();
        change.sequence = event.sequence();
        change.state = event.job().state();
        change.percent = event.job().percent();
        change.step = event.job().step();
        change.error = event.job().error();
        change.eventId = envelope.id();
        change.occurredAt = envelope.time();
        change.recordedAt = Instant.now();
        change.persist();
    }
}
