package io.strata.catalog.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.strata.catalog.datapods.DataPod;
import io.strata.catalog.datapods.DataPodChanges;
import io.strata.catalog.datapods.DataPodService;
import io.strata.catalog.datapods.DataPodViews.CreateDataPod;
import io.strata.catalog.datapods.DataPodViews.DataPodView;
import io.strata.catalog.datapods.DataPodViews.RestoreDataPod;
import io.strata.catalog.datapods.PodBranchView;
import io.strata.contracts.catalog.CreateBookmark;

/**
 * {@code /api/v1/datapods}: sets of virtual databases made from a template's consistent point and changed together
 * (bookmark, restore, reset, undo, refresh).
 */
@Path("/api/v1/datapods")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Self-service")
public class DataPodResource {

    @Inject
    DataPodService pods;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a data pod", description = "{name, template | fromBookmark, owners, expiresAt, protected}: one virtual database per dataset of the template, all from its newest consistent point (or from a bookmark of another pod: private copy-on-write clones of its data), owned by the caller (and the other owners named). It deletes itself at expiresAt unless protected then. 202 with {id, jobId}. A template holding a sensitive source is for admins only (403).")
    public Response create(@Valid @NotNull(message = CreateDataPod.REQUIRED) CreateDataPod request) {
        DataPod pod = pods.create(request);
        return Response.accepted(Map.of("id", pod.id, "jobId", pod.jobId)).build();
    }

    @GET
    @Operation(summary = "Data pods", description = "Newest first; an owner sees their own.")
    public List<DataPodView> list() {
        return pods.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One data pod", description = "By id or name: its virtual databases, the snapshot each last came from, where a reset goes and what an undo would undo.")
    public DataPodView get(@PathParam("id") String id) {
        return pods.view(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a data pod's expiry or protection", description = "{expiresAt, protected}: what is given changes. expiresAt: when the pod deletes itself (null: kept until deleted); protected: neither its expiry nor a DELETE removes it. Its owners or an admin.")
    public DataPodView change(@PathParam("id") String id, JsonNode body) {
        return pods.change(id, DataPodChanges.parse(body));
    }

    @POST
    @Path("/{id}/bookmarks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bookmark a data pod", description = "{name, tags, shared, expiresAt}: one snapshot of every virtual database, kept while the bookmark lives. 202 with {id (the bookmark), jobId}.")
    public Response bookmark(@PathParam("id") String id,
            @Valid @NotNull(message = CreateBookmark.REQUIRED) CreateBookmark request) {
        return accepted(pods.bookmark(id, request));
    }

    @POST
    @Path("/{id}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restore a data pod to a bookmark or a moment", description = "{bookmark}: every virtual database back on the bookmark's data, same connections. {timestamp}: every virtual database recovered to that moment of the pod's timeline (from the pod's timelineFrom until now), by its own log. The state it replaces is saved: undo brings it back. 202 with the job.")
    public Response restore(@PathParam("id") String id,
            @Valid @NotNull(message = RestoreDataPod.REQUIRED) RestoreDataPod request) {
        return accepted(pods.restore(id, request));
    }

    @POST
    @Path("/{id}/reset")
    @Operation(summary = "Reset a data pod", description = "Every virtual database back where the last bookmark, restore or refresh left it: the destructive-test loop. Undo brings back what it replaced. 202 with the job.")
    public Response reset(@PathParam("id") String id) {
        return accepted(pods.reset(id));
    }

    @POST
    @Path("/{id}/undo")
    @Operation(summary = "Undo the last refresh, restore, reset or undo", description = "Every virtual database back on the state the last one replaced. 202 with the job; 409 when there is nothing to undo.")
    public Response undo(@PathParam("id") String id) {
        return accepted(pods.undo(id));
    }

    @POST
    @Path("/{id}/refresh")
    @Operation(summary = "Refresh a data pod", description = "Every virtual database to the template's newest consistent point; undo brings back what it replaced. 202 with the job.")
    public Response refresh(@PathParam("id") String id) {
        return accepted(pods.refresh(id));
    }

    @POST
    @Path("/{id}/branches")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a branch of a data pod", description = "{name, fromBookmark}: a line of the pod's history starting at a bookmark of it; activate it to run its data. 201 with the branch.")
    public Response createBranch(@PathParam("id") String id,
            @Valid @NotNull(message = PodBranchView.CreateBranch.REQUIRED) PodBranchView.CreateBranch request) {
        return Response.status(Response.Status.CREATED).entity(pods.createBranch(id, request.name(), request
                .fromBookmark())).build();
    }

    @GET
    @Path("/{id}/branches")
    @Operation(summary = "A data pod's branches", description = "The active one first.")
    public List<PodBranchView> branches(@PathParam("id") String id) {
        return pods.branches(id);
    }

    @POST
    @Path("/{id}/branches/{name}/activate")
    @Operation(summary = "Activate a branch", description = "The branch left keeps what its VDBs hold now; the VDBs then run the activated branch's newest state under the same connections. Undo goes back. 202 with the job.")
    public Response activate(@PathParam("id") String id, @PathParam("name") String name) {
        return accepted(pods.activate(id, name));
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop a data pod", description = "Every VDB's engine stopped cleanly; data, ports and connections stay. 202 with the job.")
    public Response stop(@PathParam("id") String id) {
        return accepted(pods.stop(id));
    }

    @POST
    @Path("/{id}/start")
    @Operation(summary = "Start a stopped data pod", description = "202 with the job.")
    public Response start(@PathParam("id") String id) {
        return accepted(pods.startPod(id));
    }

    @POST
    @Path("/{id}/lock")
    @Operation(summary = "Lock a data pod", description = "Nobody but the caller changes it until it is unlocked.")
    public DataPodView lock(@PathParam("id") String id) {
        return pods.lock(id);
    }

    @POST
    @Path("/{id}/unlock")
    @Operation(summary = "Unlock a data pod", description = "The user who locked it, or an admin.")
    public DataPodView unlock(@PathParam("id") String id) {
        return pods.unlock(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a data pod", description = "Its virtual databases and their snapshots go (bookmarks stay). 202 with the job.")
    public Response delete(@PathParam("id") String id) {
        return accepted(pods.delete(id));
    }

    private static Response accepted(DataPodService.Started started) {
        return Response.accepted(Map.of("id", started.id(), "jobId", started.job().id)).build();
    }
}
