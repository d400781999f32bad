package io.strata.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;

/** What the reconcilers share in reading a spec and in saying why the REST code refused it. */
public final class Specs {

    private static final Map<Integer, String> REASONS = Map.of(400, "InvalidSpec", 403, "Forbidden", 404,
            "NotFound", 409, "Conflict");

    /** Writes a spec the same way whatever the order of its fields and maps, for {@link #digest}. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(
            MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Specs() {
    }

    /**
     * A digest of the part of a spec an object cannot change once made: kept in the status as the object is made, it
     * tells a later reconcile whether that part was edited since. References to Secrets are digested as references,
     * never their values.
     *
     * @param changeable the spec's fields that may change, left out
     */
    public static String digest(Object spec, String... changeable) {
        try {
            ObjectNode fixed = spec == null ? CANONICAL.createObjectNode() : CANONICAL.valueToTree(spec);
            fixed.remove(List.of(changeable));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsString(fixed)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("A spec that cannot be digested: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the fixed part of a spec differs from the one its object was made of ({@code recorded}, the status's
     * digest); if so, sets Ready false saying what to do. A status without a digest (made before, or lost) is not a
     * change.
     *
     * @param what the object, for the message, e.g. {@code Source qa/orders}
     * @param changeable what may change, e.g. {@code "only spec.sensitive can change"}
     * @param kubectlName what kubectl calls the kind, e.g. {@code source}
     */
    public static boolean fixedPartChanged(String recorded, String digest, StatusConditions conditions, String what,
            String changeable, String kubectlName) {
        if (recorded == null || recorded.equals(digest)) {
            return false;
        }
        String name = what.substring(what.lastIndexOf('/') + 1);
        conditions.isFalse(StrataResources.READY, "Immutable", what + " was made of an earlier spec, and "
                + changeable + "; the object stays as it was made. To make it anew, delete the resource (kubectl "
                + "delete " + kubectlName + " " + name + ") and apply it again, or put the spec back.");
        return true;
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

    /**
     * A request checked by its Bean Validation annotations, as {@code @Valid} checks the REST body; 400 naming the
     * first field at fault.
     */
    public static <T> T valid(Validator validator, T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream().min(Comparator.comparing(violation -> violation
                    .getPropertyPath().toString())).orElseThrow();
            String field = first.getPropertyPath().toString();
            throw ApiException.badRequest(field, "spec." + field + " " + first.getMessage() + ".");
        }
        return request;
    }

    /** Whether two values are written alike in JSON, whatever their classes and the order of their maps. */
    public static boolean sameJson(Object one, Object other) {
        try {
            return CANONICAL.writeValueAsString(one).equals(CANONICAL.writeValueAsString(other));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A value that cannot be written as JSON: " + e.getMessage(), e);
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
