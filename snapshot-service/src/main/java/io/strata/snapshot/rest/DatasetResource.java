package io.strata.snapshot.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.common.security.AdminOnly;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.TimelineView;
import io.strata.snapshot.service.ReplicationService;
import io.strata.snapshot.service.RetentionService;
import io.strata.snapshot.service.StorageQueries;

/** {@code /api/v1/datasets}: each dataset's snapshots, timeline and retention. */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage")
public class DatasetResource {

    @Inject
    StorageQueries queries;

    @Inject
    RetentionService retention;

    @Inject
    ReplicationService replication;

    @GET
    @Operation(summary = "The ids of the datasets that have storage")
    public List<String> list() {
        return queries.datasets();
    }

    @GET
    @Path("/{id}/snapshots")
    @Operation(summary = "A dataset's snapshots, oldest first")
    public List<SnapshotView> snapshots(@PathParam("id") String id) {
        return queries.snapshots(id);
    }

    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "A dataset's timeline", description = "Snapshots with parents, clones made from them, the point-in-time window and the retention policy.")
    public TimelineView timeline(@PathParam("id") String id) {
        return queries.timeline(id);
    }

    @AdminOnly
    @POST
    @Path("/{id}/replicate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy a dataset's snapshots to another btrfs filesystem", description = "btrfs send/receive, each snapshot incremental against the previous one already there; 202 with a job.")
    public Response replicate(@PathParam("id") String id, ReplicateRequest request) {
        Job job = replication.replicate(id, request == null ? null : request.target());
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }

    /** @param target a directory on another btrfs filesystem */
    public record ReplicateRequest(String target) {
    }

    @AdminOnly
    @PUT
    @Path("/{id}/retention")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a dataset's retention", description = "Keep the newest keepLast snapshots and those younger than keepDays; held and cloned snapshots are always kept.")
    public TimelineView.Retention setRetention(@PathParam("id") String id, TimelineView.Retention policy) {
        if (policy == null) {
            throw ApiException.badRequest(null, "Send a JSON body such as {\"keepLast\": 10, \"keepDays\": 7}.");
        }
        return retention.setPolicy(id, policy.keepLast(), policy.keepDays());
    }
}
