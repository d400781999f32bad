package io.strata.catalog.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.catalog.audit.AuditLog;
import io.strata.catalog.audit.AuditLog.AuditView;
import io.strata.common.security.AdminOnly;

/** {@code /api/v1/audit}: every request that changed something, or was refused, on every service. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    @AdminOnly
    @Operation(summary = "The audit log", description = "Newest first: ?user= (a user name), ?resource= (a prefix such as vdbs/ or vdbs/vdb-123), ?since= (RFC 3339), ?limit= (default 100, at most 1000). Who, method and path, resource, status, outcome, when; never a body or a secret. Admins only.")
    public List<AuditView> list(@QueryParam("user") String user, @QueryParam("resource") String resource,
            @QueryParam("since") String since, @QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.query(blankToNull(user), blankToNull(resource), QueryMoments.parse("since", since), limit);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
