package io.strata.masking.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.security.AdminOnly;
import io.strata.masking.subset.SubsetPlan;
import io.strata.masking.subsetting.SubsetPlanRequest;
import io.strata.masking.subsetting.SubsetPlanService;

/** {@code /api/v1/subsets}: dry runs of subsets. */
@AdminOnly
@Path("/api/v1/subsets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Masking")
public class SubsetResource {

    @Inject
    SubsetPlanService subsets;

    @POST
    @Path("/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Plan a subset", description = "{dataset, root: {table, where | percent}, virtualKeys, nullDanglingOptional, unrelated}. The traversal (which table is reached from which, up or down, and the cycles) and the rows each table would keep: exact when the tables involved are small, estimated from PostgreSQL's statistics otherwise. Nothing is changed.")
    public SubsetPlan plan(@Valid @NotNull(message = SubsetPlanRequest.REQUIRED) SubsetPlanRequest request) {
        return subsets.plan(request);
    }
}
