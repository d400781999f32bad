package io.strata.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.catalog.users.UserService;
import io.strata.catalog.users.UserViews.IssuedToken;
import io.strata.catalog.users.UserViews.SignIn;

/** {@code /api/v1/auth}: signing in, the one API call that needs no token. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class AuthResource {

    @Inject
    UserService users;

    @POST
    @Path("/token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in", description = "{username, password} → {token, expiresAt}: send the token as 'Authorization: Bearer <token>' to every endpoint. 401 for a wrong user name or password; 429 while a user name must wait after repeated failures.")
    public IssuedToken token(@Valid @NotNull(message = SignIn.REQUIRED) SignIn request) {
        return users.signIn(request.username(), request.password());
    }
}
