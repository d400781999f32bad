package io.strata.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.strata.contracts.api.Problem;
import io.vertx.core.buffer.Buffer;

/** The router's own answers, written as every Strata API writes an error. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** The problem as the body of an {@code application/problem+json} answer. */
    static Buffer json(Problem problem) {
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            // A record of strings and an int always serialises; this would be a bug in Problem itself.
            throw new IllegalStateException("cannot write " + problem, e);
        }
    }
}
