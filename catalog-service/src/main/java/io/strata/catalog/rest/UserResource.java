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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.catalog.users.UserService;
import io.strata.catalog.users.UserViews.AccessTokenView;
import io.strata.catalog.users.UserViews.CreateAccessToken;
import io.strata.catalog.users.UserViews.CreateUser;
import io.strata.catalog.users.UserViews.NewAccessToken;
import io.strata.catalog.users.UserViews.UserView;
import io.strata.common.security.AdminOnly;

/** {@code /api/v1/users}: users (made by admins) and their personal access tokens. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class UserResource {

    @Inject
    UserService users;

    @POST
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a user", description = "{username, password (12+ characters), roles: [admin | owner | reader]}. 201 with the user; admins only.")
    public Response create(@Valid @NotNull(message = CreateUser.REQUIRED) CreateUser request) {
        return Response.status(Response.Status.CREATED).entity(users.create(request)).build();
    }

    @GET
    @Operation(summary = "Users", description = "Names and roles, so that bookmarks can be shared with them.")
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user", description = "By id or name; 'me' is the caller.")
    public UserView get(@PathParam("id") String id) {
        return users.get(id);
    }

    @POST
    @Path("/{id}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a personal access token", description = "{name, expiresAt (default in 90 days)} → 201 with {id, name, token, expiresAt}: the token is shown this once. For scripts and pipelines; the user themself or an admin.")
    public Response createToken(@PathParam("id") String id,
            @Valid @NotNull(message = CreateAccessToken.REQUIRED) CreateAccessToken request) {
        NewAccessToken token = users.createAccessToken(id, request);
        return Response.status(Response.Status.CREATED).entity(token).build();
    }

    @GET
    @Path("/{id}/tokens")
    @Operation(summary = "A user's personal access tokens", description = "Names and dates, never the tokens.")
    public List<AccessTokenView> tokens(@PathParam("id") String id) {
        return users.accessTokens(id);
    }

    @DELETE
    @Path("/{id}/tokens/{tokenId}")
    @Operation(summary = "Revoke a personal access token", description = "Every service refuses it from then on (within a second on the other services).")
    public Response revoke(@PathParam("id") String id, @PathParam("tokenId") String tokenId) {
        users.revokeAccessToken(id, tokenId);
        return Response.noContent().build();
    }
}
