package io.strata.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a job changed (state, percent, step or error). Published by the job's owner on every change; the catalog
 * keeps the joined view and each job's history from these.
 *
 * @param job the job after the change
 * @param sequence increases by one with every change of this job, so a consumer can tell order and gaps
 */
@EventType(value = "JobProgressed", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobProgressed(JobView job, long sequence) implements Event {

    @Override
    public String subject() {
        return job.id().toString();
    }
}
