package io.strata.masking.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.security.AdminOnly;
import io.strata.masking.keys.MaskingKeyService;
import io.strata.masking.keys.MaskingKeyService.KeyDomainView;

/** {@code /api/v1/masking-keys}: the key domains and their versions (ids only, never the keys), and rotation. */
@AdminOnly
@Path("/api/v1/masking-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Masking")
public class MaskingKeyResource {

    @Inject
    MaskingKeyService keys;

    @GET
    @Operation(summary = "Masking key domains", description = "Each domain's versions, its current key id and the rulesets that pin a version. Key material is never shown.")
    public List<KeyDomainView> list() {
        return keys.list();
    }

    @GET
    @Path("/{domain}")
    @Operation(summary = "One masking key domain")
    public KeyDomainView get(@PathParam("domain") String domain) {
        return keys.get(domain);
    }

    @POST
    @Path("/{domain}/rotate")
    @Operation(summary = "Rotate a domain's key", description = "Makes the domain's next version (its first when it has none), current from the next run on. Copies masked before and after no longer agree, except through rulesets that pin the older version (ruleset keys: {domain: keyId}). 201 with the domain; 409 when the keys come from a mounted Kubernetes Secret.")
    public Response rotate(@PathParam("domain") String domain) {
        return Response.status(Response.Status.CREATED).entity(keys.rotate(domain)).build();
    }
}
