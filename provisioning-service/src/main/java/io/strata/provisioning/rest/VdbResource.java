package io.strata.provisioning.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.provisioning.VdbView;
import io.strata.provisioning.vdb.CreateVdb;
import io.strata.provisioning.vdb.VdbService;

/** {@code /api/v1/vdbs}: virtual databases and their lifecycle. Every change answers 202 with a job. */
@Path("/api/v1/vdbs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Virtual databases")
public class VdbResource {

    @Inject
    VdbService vdbs;

    @Inject
    EventCodec codec;

    private static Response accepted(String id, Job job) {
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Provision a virtual database", description = "{name, from: {dataset | snapshot | bookmark (+ dataset) | dataset + timestamp}, target: {environment}, port, parameters, hooks}.")
    public Response create(CreateVdb request) {
        VdbService.Provisioning provisioning = vdbs.provision(request);
        return accepted(provisioning.vdb().id, provisioning.job());
    }

    @GET
    @Operation(summary = "Virtual databases")
    public List<VdbView> list() {
        return vdbs.list();
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
    public Response refresh(@PathParam("id") String id, String body) {
        Map<String, Object> request = body(body);
        String vdbId = vdbs.require(id).id;
        return accepted(vdbId, vdbs.replace(vdbId, text(request, "snapshot"), text(request, "bookmark"),
                false, null));
    }

    @POST
    @Path("/{id}/rewind")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rewind", description = "To {snapshot}, one of its own snapshots, {bookmark}, a bookmark on "
            + "its own timeline, or to {timestamp}, a moment "
            + "of its current life (since its last provision, refresh or rewind), replayed from its own kept log.")
    public Response rewind(@PathParam("id") String id, String body) {
        Map<String, Object> request = body(body);
        String vdbId = vdbs.require(id).id;
        Object timestamp = request.get("timestamp");
        Instant time;
        try {
            time = timestamp == null ? null : Instant.parse(timestamp.toString());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("timestamp", "timestamp must be an ISO-8601 instant such as "
                    + "2026-12-01T10:15:00Z, got '" + timestamp + "'.");
        }
        return accepted(vdbId, vdbs.replace(vdbId, text(request, "snapshot"), text(request, "bookmark"),
                true, time));
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

    private static String text(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value != null && !(value instanceof String)) {
            throw ApiException.badRequest(field, field + " must be a string id, got " + value + ".");
        }
        return (String) value;
    }

    private Map<String, Object> body(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = codec.mapper().readValue(body, Map.class);
            return map;
        } catch (Exception e) {
            throw ApiException.badRequest(null, "The body must be JSON such as {\"snapshot\": \"snap-...\"}, or "
                    + "empty.");
        }
    }
}
