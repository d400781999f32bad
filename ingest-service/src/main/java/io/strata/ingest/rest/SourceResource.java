package io.strata.ingest.rest;

import java.util.List;
import java.util.Map;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.jobs.Job;
import io.strata.common.security.AdminOnly;
import io.strata.contracts.ingest.SourceView;
import io.strata.ingest.source.LinkSource;
import io.strata.ingest.source.SourceCredentials;
import io.strata.ingest.source.SourceService;

/** {@code /api/v1/sources}: linked production databases and file trees. */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources")
public class SourceResource {

    @Inject
    SourceService sources;

    @Inject
    SourceCredentials credentials;

    @AdminOnly
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link a source", description = "{name, engine: postgresql|mariadb|files, environment, connection: {host, port, database, user, password} | path, staging: {environment}, syncPolicy: {cron}}. Checked completely (including a connection to the source) before anything is made; 202 with the link job.")
    public Response link(@Valid @NotNull(message = LinkSource.REQUIRED) LinkSource request) {
        SourceService.Linking linking = sources.link(request, null);
        return Response.accepted(Map.of("id", linking.source().id, "jobId", linking.job().id)).build();
    }

    @GET
    @Operation(summary = "Sources")
    public List<SourceView> list() {
        return sources.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One source", description = "With its staging copy's state (lag, last replay) read live; its snapshots are on GET /datasets/{id}/timeline.")
    public SourceView get(@PathParam("id") String id) {
        return sources.view(id);
    }

    @AdminOnly
    @POST
    @Path("/{id}/sync")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Sync now", description = "{resync: false}: a snapshot of the staging copy; {resync: true}: a fresh initial load into a new volume, the older snapshots stay. 202 with the job.")
    public Response sync(@PathParam("id") String id, SyncRequest request) {
        Job job = sources.sync(id, request != null && Boolean.TRUE.equals(request.resync()), null);
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }

    @AdminOnly
    @PUT
    @Path("/{id}/sensitive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a source sensitive or not", description = "{sensitive: true | false}. A sensitive source's data reaches admins only: everyone else provisions from its masked datasets, and VDBs made from it are refused to them too. 200 with the source.")
    public SourceView setSensitive(@PathParam("id") String id,
            @Valid @NotNull(message = SensitiveRequest.REQUIRED) SensitiveRequest request) {
        return sources.setSensitive(id, request.sensitive());
    }

    /**
     * {@code PUT /api/v1/sources/{id}/sensitive}.
     *
     * @param sensitive whether only admins may provision from the source
     */
    public record SensitiveRequest(@NotNull(message = "is required: true or false") Boolean sensitive) {

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {\"sensitive\": true | false}";
    }

    @AdminOnly
    @PUT
    @Path("/{id}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a linked source's credentials", description = "{connection: {password}}: the secret fields of the link request, after a password was rotated on the source. The source is asked to accept them and the staging copy takes them before they replace the old ones (a staging pod restarts); a refused one changes nothing. 200 with the source; the secret is never echoed.")
    public SourceView changeCredentials(@PathParam("id") String id,
            @NotNull(message = SourceCredentials.REQUIRED) Map<String, Object> secrets) {
        return credentials.change(id, secrets);
    }

    /**
     * {@code POST /api/v1/sources/{id}/sync}; an empty body syncs.
     *
     * @param resync a fresh initial load into a new volume instead of a snapshot of the staging copy
     */
    public record SyncRequest(Boolean resync) {
    }

    @AdminOnly
    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Stop the staging copy", description = "Syncs are refused until it is enabled again. 202 with the job; 409 while another operation runs on the source.")
    public Response disable(@PathParam("id") String id) {
        Job job = sources.disable(id, null);
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }

    @AdminOnly
    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Start the staging copy again", description = "202 with the job; 409 while another operation runs on the source.")
    public Response enable(@PathParam("id") String id) {
        Job job = sources.enable(id, null);
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }

    @AdminOnly
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a source", description = "Stops staging, drops the replication slot on the source, gives back the volume and the snapshots no clone or bookmark uses. 202 with the job. A delete that failed may be asked again; with force=true it goes on when the source cannot be reached, and what linking left there stays.")
    public Response delete(@PathParam("id") String id, @QueryParam("force") boolean force) {
        Job job = sources.delete(id, force, null);
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }
}
