package io.strata.common.jobs;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.errors.ApiException;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;

/** {@code /api/v1/jobs}: long operations, their state and progress. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    JobQuery jobs;

    @GET
    @Operation(summary = "List jobs, newest first", description = "Filter by state and by the resource a job works on.")
    public List<JobView> list(@QueryParam("state") String state, @QueryParam("resource") String resource,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit + ".");
        }
        return jobs.list(parseState(state), resource, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One job")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(parseId(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a job", description = "A PENDING job ends at once; a RUNNING one stops at its next safe point.")
    public JobView cancel(@PathParam("id") String id) {
        return jobs.cancel(parseId(id), null);
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("id", "'" + id + "' is not a job id; job ids are UUIDs as returned by "
                    + "POST requests (jobId) or GET /api/v1/jobs.");
        }
    }

    static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state", "state must be one of " + List.of(JobState.values()) + ", got '"
                    + state + "'.");
        }
    }
}
