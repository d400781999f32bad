package io.strata.common.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.common.errors.ProblemMapper;
import io.strata.contracts.api.TokenRefusals;

/**
 * Who may call what, the same on every service's own port: every {@code /api} endpoint needs a valid bearer token
 * signed by the catalog service ({@code @PermitAll} ones aside: signing in), unless it was revoked; readers only read;
 * {@link AdminOnly} endpoints need role admin. Refusals are problem+json: 401 says how to get a token, 403 names the
 * role needed. Finer rules (whose VDB it is) are the services' own, through {@link Caller}.
 */
public class AccessControl {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    RevokedTokens revokedTokens;

    @Inject
    Caller caller;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || isPublic(resource)) {
            return Uni.createFrom().nullItem();
        }
        if (!revokedTokens.isLoaded()) {
            return Uni.createFrom().item(ProblemMapper.problem(503, "The service is starting and cannot check "
                    + "tokens yet. Try again shortly.", null));
        }
        return identities.getDeferredIdentity().map(identity -> decide(request, resource, identity)).onFailure()
                .recoverWithItem(failure -> ProblemMapper.problem(401, TokenRefusals.refused(failure), null));
    }

    private Response decide(ContainerRequestContext request, ResourceInfo resource, SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return ProblemMapper.problem(401, TokenRefusals.MISSING, null);
        }
        if (revokedTokens.isRevoked(token.getTokenID())) {
            return ProblemMapper.problem(401, "This token was revoked. " + TokenRefusals.HOW_TO_SIGN_IN,
                    null);
        }
        String username = token.getName();
        Set<Role> roles = rolesOf(identity);
        caller.set(username, roles);
        String what = request.getMethod() + " " + request.getUriInfo().getPath();
        if (isAdminOnly(resource) && !roles.contains(Role.ADMIN)) {
            return ProblemMapper.problem(403, what + " needs role admin; user '" + username + "' has " + names(roles)
                    + ".", null);
        }
        if (!isRead(request.getMethod()) && !roles.contains(Role.ADMIN) && !roles.contains(Role.OWNER)) {
            return ProblemMapper.problem(403, what + " changes something and needs role owner or admin; user '"
                    + username + "' has " + names(roles) + ".", null);
        }
        return null;
    }

    /** The roles as a list for messages: {@code [owner]}, or {@code no role}. */
    static String names(Set<Role> roles) {
        if (roles.isEmpty()) {
            return "no role";
        }
        Set<String> names = new TreeSet<>();
        roles.forEach(role -> names.add(role.wireName()));
        return "role " + String.join(", ", names);
    }

    private static Set<Role> rolesOf(SecurityIdentity identity) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : identity.getRoles()) {
            Role role = Role.fromWireName(name);
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Whether a request with this method only reads: readers may send it, and the audit log leaves it out. */
    static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private static boolean isPublic(ResourceInfo resource) {
        return resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(
                PermitAll.class);
    }

    private static boolean isAdminOnly(ResourceInfo resource) {
        return (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(
                AdminOnly.class))
                || (resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(
                        AdminOnly.class));
    }
}
