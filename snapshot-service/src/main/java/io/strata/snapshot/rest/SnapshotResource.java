package io.strata.snapshot.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobRunner;
import io.strata.common.security.AdminOnly;
import io.strata.contracts.storage.SnapshotView;
import io.strata.snapshot.service.StorageQueries;
import io.strata.snapshot.service.StorageService;

/** {@code /api/v1/snapshots/{id}}: one snapshot, and deleting it. */
@Path("/api/v1/snapshots/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage")
public class SnapshotResource {

    @Inject
    StorageQueries queries;

    @Inject
    StorageService storage;

    @Inject
    JobRunner jobs;

    @GET
    @Operation(summary = "One snapshot", description = "With what depends on it and its children on any timeline.")
    public SnapshotView get(@PathParam("id") String id) {
        return queries.snapshot(id);
    }

    @AdminOnly
    @DELETE
    @Transactional
    @Operation(summary = "Delete a snapshot", description = "409 naming the clones and holders that still need it; otherwise 202 with a job.")
    public Response delete(@PathParam("id") String id) {
        storage.requireDeletable(id);
        Job job = jobs.submit("snapshot.delete", id, null, context -> {
            storage.deleteSnapshot(null, id, "requested");
            return "snapshot deleted";
        });
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }
}
