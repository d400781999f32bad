package io.strata.masking.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.security.AdminOnly;
import io.strata.masking.ruleset.RulesetRequest;
import io.strata.masking.ruleset.RulesetService;
import io.strata.masking.ruleset.RulesetView;

/** {@code /api/v1/rulesets}: which columns are masked, and how. */
@Path("/api/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Masking")
public class RulesetResource {

    @Inject
    RulesetService rulesets;

    @AdminOnly
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a ruleset", description = "{name, rules: [{table, column, algorithm, params}]}. Each rule's algorithm and parameters are checked now; its table and column when the ruleset is used on a database. 201 with the ruleset.")
    public Response create(@Valid @NotNull(message = RulesetRequest.REQUIRED) RulesetRequest request) {
        return Response.status(Response.Status.CREATED).entity(rulesets.create(request)).build();
    }

    @GET
    @Operation(summary = "Rulesets")
    public List<RulesetView> list() {
        return rulesets.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One ruleset", description = "By id or name.")
    public RulesetView get(@PathParam("id") String id) {
        return RulesetView.of(rulesets.require(id));
    }

    @AdminOnly
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a ruleset", description = "Replaces its name and rules; its version goes up by one. Runs keep the rules they used.")
    public RulesetView update(@PathParam("id") String id,
            @Valid @NotNull(message = RulesetRequest.REQUIRED) RulesetRequest request) {
        return rulesets.update(id, request);
    }

    @AdminOnly
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a ruleset", description = "Refused while a masking job uses it.")
    public Response delete(@PathParam("id") String id) {
        rulesets.delete(id);
        return Response.noContent().build();
    }
}
