package io.strata.contracts.jobs;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command: someone asked, through the catalog's joined view, to cancel a job that another service owns. The owner
 * cancels it if it has not ended yet and publishes the resulting {@link JobProgressed}.
 *
 * @param jobId the job to cancel
 * @param service the owning service; others ignore the command
 * @param requestedBy who asked
 */
@EventType(value = "JobCancelRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobCancelRequested(UUID jobId, String service, String requestedBy) implements Event {

    @Override
    public String subject() {
        return jobId.toString();
    }
}
