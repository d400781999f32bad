package io.strata.contracts.jobs;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One change in a job's history ({@code GET /api/v1/jobs/{id}/history} on the catalog).
 *
 * @param sequence the owner's change counter
 * @param state the state after the change
 * @param percent 0 to 100
 * @param step what the job was doing
 * @param error why it failed, when it failed
 * @param occurredAt when the owner made the change
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobChangeView(long sequence, JobState state, int percent, String step, String error,
        Instant occurredAt) {
}
