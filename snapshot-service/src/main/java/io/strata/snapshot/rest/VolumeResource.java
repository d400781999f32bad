package io.strata.snapshot.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.security.AdminOnly;
import io.strata.contracts.storage.VolumeView;
import io.strata.snapshot.mapping.StorageViews;
import io.strata.snapshot.service.StorageQueries;
import io.strata.snapshot.service.StorageService;

/** {@code /api/v1/volumes}: the pool's writable volumes. They are created through commands from other services. */
@Path("/api/v1/volumes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage")
public class VolumeResource {

    @Inject
    StorageQueries queries;

    @Inject
    StorageService storage;

    @Inject
    StorageViews views;

    @GET
    @Operation(summary = "Volumes", description = "Live volumes, optionally of one dataset; all=true adds deleted and failed ones.")
    public List<VolumeView> list(@QueryParam("dataset") String dataset, @QueryParam("all") boolean all) {
        return queries.volumes(dataset, all);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One volume")
    public VolumeView get(@PathParam("id") String id) {
        return queries.volume(id);
    }

    @AdminOnly
    @POST
    @Path("/{id}/promote")
    @Operation(summary = "Promote a clone", description = "Makes the clone independent of the snapshot it was made from, so that snapshot can be deleted.")
    public VolumeView promote(@PathParam("id") String id) {
        storage.promote(id);
        return queries.volume(id);
    }
}
