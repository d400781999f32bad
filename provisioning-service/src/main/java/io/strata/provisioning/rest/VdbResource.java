package io.strata.provisioning.rest;

import java.util.List;
import java.util.Map;

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

import io.strata.common.jobs.Job;
import io.strata.contracts.provisioning.VdbView;
import io.strata.provisioning.vdb.CreateVdb;
import io.strata.provisioning.vdb.PointRequest;
import io.strata.provisioning.vdb.VdbService;

/** {@code /api/v1/vdbs}: virtual databases and their lifecycle. Every change answers 202 with a job. */
@Path("/api/v1/vdbs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Virtual databases")
public class VdbResource {

    @Inject
    VdbService vdbs;

    private static Response accepted(String id, Job job) {
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Provision a virtual database", description = "{name, from: {dataset | snapshot | bookmark (+ dataset) | dataset + timestamp}, target: {environment}, port, parameters, hooks}.")
    public Response create(@Valid @NotNull(message = CreateVdb.REQUIRED) CreateVdb request) {
        VdbService.Provisioning provisioning = vdbs.provision(request);
        return accepted(provisioning.vdb().id, provisioning.job());
    }

    @GET
    @Operation(summary = "Virtual databases", description = "Not the working ones the masking service makes for "
            + "itself (their purpose says what for) unless all=true; each is shown by its id.")
    public List<VdbView> list(@QueryParam("all") boolean all) {
        return vdbs.list(all);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One virtual database", description = "By id or name.")
    public VdbView get(@PathParam("id") String id) {
        return vdbs.view(id);
    }

    @GET
    @Path("/{id}/credentials")
    @Operation(summary = "Its database user and generated password")
    public Map<String, String> credentials(@PathParam("id") String id) {
        return vdbs.credentials(id);
    }

    @POST
    @Path("/{id}/refresh")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Refresh", description = "To the parent's newest snapshot, or {snapshot} of the parent, or {bookmark} on the parent; same name, port and connection.")
    public Response refresh(@PathParam("id") String id, PointRequest request) {
        String vdbId = vdbs.require(id).id;
        return accepted(vdbId, vdbs.refresh(vdbId, request == null ? PointRequest.NEWEST : request));
    }

    @POST
    @Path("/{id}/rewind")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rewind", description = "To {snapshot}, one of its own snapshots, {bookmark}, a bookmark on "
            + "its own timeline, or to {timestamp}, a moment "
            + "of its current life (since its last provision, refresh or rewind), replayed from its own kept log.")
    public Response rewind(@PathParam("id") String id, PointRequest request) {
        String vdbId = vdbs.require(id).id;
        return accepted(vdbId, vdbs.rewind(vdbId, request == null ? PointRequest.NEWEST : request));
    }

    @POST
    @Path("/{id}/snapshot")
    @Operation(summary = "Snapshot it onto its own timeline")
    public Response snapshot(@PathParam("id") String id) {
        String vdbId = vdbs.require(id).id;
        return accepted(vdbId, vdbs.snapshot(vdbId));
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop its engine")
    public Response stop(@PathParam("id") String id) {
        String vdbId = vdbs.require(id).id;
        return accepted(vdbId, vdbs.stopOrStart(vdbId, false));
    }

    @POST
    @Path("/{id}/start")
    @Operation(summary = "Start its engine")
    public Response start(@PathParam("id") String id) {
        String vdbId = vdbs.require(id).id;
        return accepted(vdbId, vdbs.stopOrStart(vdbId, true));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete it", description = "Stops the engine, detaches and gives back the clone and its unused snapshots, frees the port.")
    public Response delete(@PathParam("id") String id) {
        String vdbId = vdbs.require(id).id;
        return accepted(vdbId, vdbs.delete(vdbId));
    }
}
