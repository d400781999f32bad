package io.strata.catalog.jobs;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.errors.ApiException;
import io.strata.contracts.jobs.JobChangeView;

/** {@code /api/v1/jobs/{id}/history}: every change of a job, from any service. */
@Path("/api/v1/jobs/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobHistoryResource {

    @Inject
    CatalogJobQuery jobs;

    @GET
    @Operation(summary = "A job's changes, oldest first")
    public List<JobChangeView> history(@PathParam("id") String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("id", "'" + id + "' is not a job id; job ids are UUIDs.");
        }
        return jobs.history(jobId).stream().map(change -> new JobChangeView(change.sequence, change.state,
                change.percent, change.step, change.error, change.occurredAt)).toList();
    }
}
