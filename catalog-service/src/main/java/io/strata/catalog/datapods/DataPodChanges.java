package io.strata.catalog.datapods;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.strata.catalog.datapods.DataPodViews.ChangeDataPod;
import io.strata.common.errors.ApiException;

/**
 * Reads a {@code PATCH /api/v1/datapods/{id}} body: only what is there changes, so a field given as {@code null}
 * (expiry removed) differs from one left out (expiry kept); any other field is refused rather than ignored.
 */
public final class DataPodChanges {

    private static final Set<String> CHANGEABLE = Set.of("expiresAt", "protected");

    private DataPodChanges() {
    }

    /** The changes a body asks for, or a 400 that says what is wrong with it. */
    public static ChangeDataPod parse(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("body", "body is required: send a JSON object with expiresAt (RFC 3339, or "
                    + "null to keep the pod until it is deleted) and/or protected (true or false).");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!CHANGEABLE.contains(name)) {
                throw ApiException.badRequest(name, name + " cannot be changed here; only expiresAt and protected "
                        + "can (the other operations of /api/v1/datapods/{id} change the rest).");
            }
        }
        JsonNode expiry = body.get("expiresAt");
        Instant expiresAt = null;
        if (expiry != null && !expiry.isNull()) {
            try {
                expiresAt = Instant.parse(expiry.asText());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("expiresAt", "expiresAt '" + expiry.asText() + "' is not a moment; "
                        + "give RFC 3339 like 2027-01-31T18:00:00Z, or null to keep the pod until it is deleted.");
            }
        }
        JsonNode protect = body.get("protected");
        if (protect != null && !protect.isBoolean()) {
            throw ApiException.badRequest("protected", "protected must be true or false, not " + protect + ".");
        }
        return new ChangeDataPod(expiry != null, expiresAt, protect != null ? protect.booleanValue() : null);
    }
}
