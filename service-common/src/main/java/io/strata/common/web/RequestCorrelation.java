package io.strata.common.web;

import jakarta.enterprise.context.RequestScoped;

/**
 * The correlation id of the current HTTP request. Request-scoped rather than thread-local because a request may
 * move between the event loop and a worker thread.
 */
@RequestScoped
public class RequestCorrelation {

    private String correlationId;

    public String correlationId() {
        return correlationId;
    }

    public void correlationId(String correlationId) {
        this.correlationId = correlationId;
    }
}
