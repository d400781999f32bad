package io.strata.masking.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.jobs.Job;
import io.strata.masking.job.MaskingJobRequest;
import io.strata.masking.job.MaskingRunView;
import io.strata.masking.job.MaskingService;

/** {@code /api/v1/masking-jobs}: a virtual database masked in place. */
@Path("/api/v1/masking-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Masking")
public class MaskingJobResource {

    @Inject
    MaskingService masking;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mask a virtual database in place", description = "{vdb, ruleset, subset}: a subset (when given) made first; without a ruleset the job only subsets. The ruleset is checked against the database first (every table and column, every algorithm for its column's type and keys): a 400 names the rule. 202 with the job; the job fails, naming the table and column, if any original value survives or a key or unique constraint breaks.")
    public Response mask(@Valid @NotNull(message = MaskingJobRequest.REQUIRED) MaskingJobRequest request) {
        Job job = masking.maskVdb(request, null);
        return Response.accepted(Map.of("id", job.id, "jobId", job.id)).build();
    }

    @GET
    @Operation(summary = "Masking jobs, newest first")
    public List<MaskingRunView> list() {
        return masking.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One masking job", description = "With its report: rows and values masked per column, the verification, the key ids.")
    public MaskingRunView get(@PathParam("id") String id) {
        return masking.view(id);
    }
}
