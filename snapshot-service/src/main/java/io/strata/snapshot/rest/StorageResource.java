package io.strata.snapshot.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.contracts.storage.ExportView;
import io.strata.contracts.storage.StorageView;
import io.strata.snapshot.service.SpaceService;
import io.strata.snapshot.service.StorageQueries;

/** {@code /api/v1/storage} (the space report) and {@code /api/v1/exports}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage")
public class StorageResource {

    @Inject
    SpaceService space;

    @Inject
    StorageQueries queries;

    @GET
    @Path("/storage")
    @Operation(summary = "Space report", description = "Capacity, used and free bytes; per dataset logical, unique and shared bytes; the savings ratio.")
    public StorageView storage() {
        return space.report();
    }

    @GET
    @Path("/exports")
    @Operation(summary = "NFS exports")
    public List<ExportView> exports() {
        return queries.exports();
    }
}
