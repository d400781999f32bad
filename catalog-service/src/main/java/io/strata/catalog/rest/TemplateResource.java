package io.strata.catalog.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.catalog.templates.CreateTemplate;
import io.strata.catalog.templates.TemplateService;
import io.strata.catalog.templates.TemplateView;
import io.strata.common.security.AdminOnly;

/** {@code /api/v1/templates}: named sets of datasets provisioned together into data pods. */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Self-service")
public class TemplateResource {

    @Inject
    TemplateService templates;

    @AdminOnly
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a template", description = "{name, datasets: [id or name of a source or masked dataset, ...]}. 201 with the template.")
    public Response create(@Valid @NotNull(message = CreateTemplate.REQUIRED) CreateTemplate request) {
        return Response.status(Response.Status.CREATED).entity(templates.create(request)).build();
    }

    @GET
    @Operation(summary = "Templates")
    public List<TemplateView> list() {
        return templates.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One template", description = "By id or name.")
    public TemplateView get(@PathParam("id") String id) {
        return templates.get(id);
    }

    @GET
    @Path("/{id}/point")
    @Operation(summary = "A template's consistent point", description = "For each dataset, its newest snapshot whose data stands at or before ?at= (RFC 3339; default now): what a data pod made then starts from. 409 naming the datasets with no such snapshot.")
    public TemplateView.Point point(@PathParam("id") String id, @QueryParam("at") String at) {
        return templates.point(id, QueryMoments.parse("at", at));
    }

    @AdminOnly
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a template")
    public Response delete(@PathParam("id") String id) {
        templates.delete(id);
        return Response.noContent().build();
    }
}
