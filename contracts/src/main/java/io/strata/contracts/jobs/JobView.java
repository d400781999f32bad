package io.strata.contracts.jobs;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A job as the API shows it ({@code GET /api/v1/jobs/{id}}), the same on every service and in the catalog's joined
 * view.
 *
 * @param id the job id
 * @param kind what the job does, e.g. {@code volume.create}
 * @param resource the id of the resource the job works on
 * @param service the service that owns and runs the job
 * @param state the job's state
 * @param percent 0 to 100
 * @param step what the job is doing now, in words
 * @param error why the job failed, when it failed
 * @param cancelRequested whether someone asked to cancel the job while it runs
 * @param createdAt when the job was requested
 * @param startedAt when it started running
 * @param endedAt when it reached a terminal state
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobView(UUID id, String kind, String resource, String service, JobState state, int percent, String step,
        String error, boolean cancelRequested, Instant createdAt, Instant startedAt, Instant endedAt) {
}
