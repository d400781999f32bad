package io.strata.operator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import io.strata.common.errors.ApiException;

/** What the reconcilers share in reading a spec and in saying why the REST code refused it. */
public final class Specs {

    private static final Map<Integer, String> REASONS = Map.of(400, "InvalidSpec", 403, "Forbidden", 404,
            "NotFound", 409, "Conflict");

    private Specs() {
    }

    /** A spec's RFC 3339 time, or {@code null}; 400 naming the field when it is not one. */
    public static Instant instant(String value, String field) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "spec." + field + " '" + value + "' is not an RFC 3339 time in UTC "
                    + "such as 2026-12-03T10:15:30Z.");
        }
    }

    /** A condition's reason for a refusal of the REST code. */
    public static String reason(ApiException refusal) {
        return REASONS.getOrDefault(refusal.status(), "Refused");
    }

    /** A condition's reason for a Strata state: {@code PROVISIONING} → {@code Provisioning}. */
    public static String reasonOf(String state) {
        return state.charAt(0) + state.substring(1).toLowerCase(Locale.ROOT);
    }

    /** A condition's message for a refusal: what is wrong, and the spec field when there is one. */
    public static String message(ApiException refusal) {
        return refusal.getMessage() + (refusal.field() == null ? "" : " (spec." + refusal.field() + ")");
    }
}
