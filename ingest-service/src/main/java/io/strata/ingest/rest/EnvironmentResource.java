package io.strata.ingest.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

import io.quarkus.panache.common.Sort;
import io.strata.common.jobs.Job;
import io.strata.common.security.AdminOnly;
import io.strata.contracts.ingest.CreateEnvironment;
import io.strata.contracts.ingest.EnvironmentView;
import io.strata.ingest.environment.DiscoverRequest;
import io.strata.ingest.environment.Environment;
import io.strata.ingest.environment.EnvironmentService;
import io.strata.ingest.source.Source;

/** {@code /api/v1/environments}: hosts Strata runs commands on, and what discovery found there. */
@Path("/api/v1/environments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Environments")
public class EnvironmentResource {

    @Inject
    EnvironmentService environments;

    @AdminOnly
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an SSH host", description = "The credentials are checked and the host key verified before anything is saved.")
    public Response create(@Valid @NotNull(message = CreateEnvironment.REQUIRED) CreateEnvironment request) {
        Environment environment = environments.create(request);
        return Response.created(URI.create("/api/v1/environments/" + environment.id)).entity(EnvironmentService.view(
                environment)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "Environments")
    public List<EnvironmentView> list() {
        return Environment.<Environment>listAll(Sort.ascending("createdAt")).stream().map(EnvironmentService::view)
                .toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One environment")
    public EnvironmentView get(@PathParam("id") String id) {
        return EnvironmentService.view(environments.require(id));
    }

    @AdminOnly
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an environment no source uses")
    public Response delete(@PathParam("id") String id) {
        environments.delete(id, Source.count("environmentId = ?1 or stagingEnvironmentId = ?1", id));
        return Response.noContent().build();
    }

    @AdminOnly
    @PUT
    @Path("/{id}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an SSH environment's credentials", description = "{credentials: {privateKey} or {password}}, after a key or password was rotated on the host. The host must accept them and present the host key on record; a refused one changes nothing. 200 with the environment; never echoed.")
    public EnvironmentView changeCredentials(@PathParam("id") String id,
            @Valid @NotNull(message = CredentialsRequest.REQUIRED) CredentialsRequest request) {
        return EnvironmentService.view(environments.changeCredentials(id, request.credentials()));
    }

    /**
     * {@code PUT /api/v1/environments/{id}/credentials}.
     *
     * @param credentials exactly one of a private key and a password
     */
    public record CredentialsRequest(@NotNull(message = "is required: {\"privateKey\": \"...\"} or "
            + "{\"password\": \"...\"}") CreateEnvironment.Credentials credentials) {

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {\"credentials\": {\"privateKey\": "
                + "\"...\"}} or {\"credentials\": {\"password\": \"...\"}}";
    }

    @AdminOnly
    @POST
    @Path("/{id}/discover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Discover engine installations and databases", description = "Body (optional): connections per engine, e.g. {\"postgresql\": {\"connection\": {\"host\": \"127.0.0.1\", \"port\": 5432, \"user\": \"postgres\", \"password\": \"...\"}}}; the password is used and forgotten.")
    public Response discover(@PathParam("id") String id, @Valid DiscoverRequest request) {
        Job job = environments.discover(id, request);
        return Response.accepted(Map.of("id", id, "jobId", job.id)).build();
    }

    @GET
    @Path("/{id}/repositories")
    @Operation(summary = "Engine installations found by discovery")
    public List<EnvironmentView.RepositoryView> repositories(@PathParam("id") String id) {
        return environments.repositories(id);
    }

    @GET
    @Path("/{id}/source-configs")
    @Operation(summary = "Databases found by discovery")
    public List<EnvironmentView.SourceConfigView> sourceConfigs(@PathParam("id") String id) {
        return environments.sourceConfigs(id);
    }
}
