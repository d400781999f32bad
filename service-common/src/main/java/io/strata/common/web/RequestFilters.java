package io.strata.common.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.strata.common.errors.ProblemMapper;
import io.strata.common.events.Correlation;
import io.strata.common.schema.SchemaMigrator;

/**
 * Around every API request: refuse with 503 while the database is not reachable yet (instead of failing deep inside
 * with a missing table), and carry the correlation id in from {@code X-Correlation-Id} (or start one) and back out
 * on the response.
 */
public class RequestFilters {

    @Inject
    SchemaMigrator schema;

    @Inject
    RequestCorrelation correlation;

    @ServerRequestFilter(preMatching = true)
    public Response beforeRequest(ContainerRequestContext request) {
        String header = request.getHeaderString(Correlation.HEADER);
        String id = header != null && !header.isBlank() && header.length() <= 128 ? header : Correlation.newId();
        correlation.correlationId(id);
        request.setProperty(Correlation.HEADER, id);
        if (!schema.isReady() && request.getUriInfo().getPath().startsWith("/api/")) {
            String problem = schema.problem();
            return ProblemMapper.problem(503, "The service is starting and cannot serve requests yet: "
                    + (problem != null ? problem : "its schema is being migrated.") + " Try again shortly.", null);
        }
        return null;
    }

    @ServerResponseFilter
    public void afterResponse(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(Correlation.HEADER);
        if (id != null) {
            response.getHeaders().putSingle(Correlation.HEADER, id);
        }
    }
}
