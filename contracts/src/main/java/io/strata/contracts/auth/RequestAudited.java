package io.strata.contracts.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a service answered a request that changes something (any method but GET, HEAD and OPTIONS), or refused it.
 * The catalog keeps these as the audit log. Never a body, a query string or a header: no secret can be in it.
 *
 * @param service the service that answered
 * @param user the user name the token named, {@code null} when there was no valid token
 * @param method the HTTP method
 * @param path the request path, e.g. {@code /api/v1/vdbs/vdb-123/refresh}
 * @param resource what it was about, e.g. {@code vdbs/vdb-123} (for a create, the new id when the answer names it)
 * @param status the HTTP status of the answer
 * @param outcome SUCCEEDED (2xx), REFUSED (4xx) or FAILED (5xx)
 * @param at when the answer was given
 * @param correlationId the request's correlation id, which its jobs and events carry too
 */
@EventType(value = "RequestAudited", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestAudited(String service, String user, String method, String path, String resource, int status,
        String outcome, Instant at, String correlationId) implements Event {

    @Override
    public String subject() {
        return resource != null ? resource : path;
    }
}
