package io.strata.catalog.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.strata.common.errors.ApiException;

/** Moments given as query parameters: RFC 3339 UTC, or absent. */
final class QueryMoments {

    private QueryMoments() {
    }

    /** The moment in query parameter {@code name}, {@code null} when blank; a 400 naming it when malformed. */
    static Instant parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, name + " is a moment in RFC 3339 UTC, like 2026-12-03T08:00:00Z; got '"
                    + value + "'.");
        }
    }
}
