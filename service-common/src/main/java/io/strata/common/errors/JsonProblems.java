package io.strata.common.errors;

import java.time.temporal.Temporal;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Request bodies that cannot be read, as problems that say where: the field whose value has the wrong type or
 * format, or the line and column where the text stops being JSON.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    /** JSON that does not fit the request: names the field and what it should be. */
    static Response mapping(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && Temporal.class.isAssignableFrom(format.getTargetType())) {
            return ProblemMapper.problem(400, "Field '" + field + "' must be an ISO-8601 instant such as "
                    + "2026-12-01T10:15:00Z, got '" + format.getValue() + "'.", field);
        }
        if (field.isEmpty() && e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return ProblemMapper.problem(400, "The request body must be a JSON object" + where(e.getLocation())
                    + ", not " + shapeOf(firstLine(e)) + ". Send the fields this path takes (see /q/openapi).", null);
        }
        return ProblemMapper.problem(400, (field.isEmpty() ? "The request body" : "Field '" + field + "'")
                + " is invalid" + where(e.getLocation()) + ": " + firstLine(e) + ". Send JSON matching the API (see "
                + "/q/openapi).", field.isEmpty() ? null : field);
    }

    /** Text that is not JSON: says where parsing stopped. */
    static Response syntax(JsonProcessingException e) {
        return ProblemMapper.problem(400, "The request body is not valid JSON" + where(e.getLocation()) + ": "
                + firstLine(e) + ". Send a JSON object with Content-Type application/json.", null);
    }

    /** What was sent instead of an object, from Jackson's message ("... from Array value ..."). */
    private static String shapeOf(String message) {
        if (message.contains("Array value")) {
            return "an array";
        }
        if (message.contains("String value")) {
            return "a string";
        }
        return message.contains("Integer value") || message.contains("Floating-point value") ? "a number" : "that";
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? "unreadable" : message.split("\n")[0];
    }
}
