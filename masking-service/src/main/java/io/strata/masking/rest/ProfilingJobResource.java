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
import io.strata.common.security.AdminOnly;
import io.strata.masking.profiling.Inventory;
import io.strata.masking.profiling.job.ProfilingJobRequest;
import io.strata.masking.profiling.job.ProfilingRunView;
import io.strata.masking.profiling.job.ProfilingService;

/** {@code /api/v1/profiling-jobs}: finding the sensitive columns of a dataset. */
@AdminOnly
@Path("/api/v1/profiling-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Masking")
public class ProfilingJobResource {

    @Inject
    ProfilingService profiling;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Profile a dataset", description = "{dataset, sampleRows}. The dataset is a running PostgreSQL virtual database (a source is profiled through a virtual database provisioned from it, never read itself). Every table is sampled read-only; column names and values are checked for e-mails, phone numbers, national ids, card numbers, IBANs, names, dates of birth, street addresses and free text holding any of them. 202 with the job.")
    public Response profile(@Valid @NotNull(message = ProfilingJobRequest.REQUIRED) ProfilingJobRequest request) {
        Job job = profiling.profile(request, null);
        return Response.accepted(Map.of("id", job.id, "jobId", job.id)).build();
    }

    @GET
    @Operation(summary = "Profiling jobs, newest first")
    public List<ProfilingRunView> list() {
        return profiling.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One profiling job")
    public ProfilingRunView get(@PathParam("id") String id) {
        return profiling.view(id);
    }

    @GET
    @Path("/{id}/inventory")
    @Operation(summary = "What a profiling job found", description = "Each column found: table, column, type, kind, foundBy (COLUMN_NAME, DATA, BOTH), evidence (the share of sampled values that look like the kind), sampledRows and the suggested {algorithm, params}; and ruleset, the body of POST /api/v1/rulesets without its name. 409 while the job runs or when it failed.")
    public Inventory inventory(@PathParam("id") String id) {
        return profiling.inventory(id);
    }
}
