package io.strata.masking.algorithms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads a rule's parameters, as parsed from a ruleset's JSON (strings, numbers, booleans, lists), refusing a wrong
 * one with a {@link RuleError} on {@code params.<name>} that says what the parameter accepts.
 */
final class RuleParams {

    private RuleParams() {
    }

    /** The error for one parameter. */
    static RuleError error(String name, String message) {
        return new RuleError("params." + name, message);
    }

    /** Refuses a parameter the algorithm does not know, so that a misspelt one does not pass unnoticed. */
    static void allowOnly(Map<String, Object> params, String algorithm, Collection<String> known) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw error(name, algorithm + " has no parameter '" + name + "'; it takes "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))) + ".");
            }
        }
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    static int wholeNumber(Map<String, Object> params, String name, int defaultValue, int min, int max) {
        Object value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        String accepted = name + " must be a whole number from " + min + " to " + max + ".";
        BigDecimal number = number(params, name, null, accepted);
        if (number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw error(name, accepted);
        }
        return number.intValueExact();
    }

    /** A JSON number (not a string holding one), or the default when absent. */
    static BigDecimal number(Map<String, Object> params, String name, BigDecimal defaultValue, String accepted) {
        Object value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number)) {
            throw error(name, accepted);
        }
        return decimal(value).orElseThrow(() -> error(name, accepted));
    }

    /** A JSON number, or a string holding one. */
    static Optional<BigDecimal> decimal(Object value) {
        if (!(value instanceof Number) && !(value instanceof String)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.toString().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code true} or {@code false}, or the default when absent. */
    static boolean flag(Map<String, Object> params, String name, boolean defaultValue) {
        Object value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean bool)) {
            throw error(name, name + " must be true or false.");
        }
        return bool;
    }

    /** A non-blank string, or {@code null} when absent. */
    static String text(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw error(name, name + " must be a non-blank string.");
        }
        return text;
    }

    /** A non-blank string, or the fallback when absent. */
    static String text(Map<String, Object> params, String name, String fallback) {
        String text = text(params, name);
        return text == null ? fallback : text;
    }

    /** The key domain: {@code params.domain}, or the algorithm's own default. */
    static String domain(Map<String, Object> params, String fallback) {
        String domain = text(params, "domain", fallback);
        FileMaskingKeys.checkDomain(domain);
        return domain;
    }

    /** One of the choices, or the default when absent. */
    static String choice(Map<String, Object> params, String name, String defaultValue, List<String> choices) {
        Object value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!choices.contains(value)) {
            throw error(name, name + " must be one of " + String.join(", ", choices) + ".");
        }
        return (String) value;
    }

    /** A list of non-blank strings, or {@code null} when absent. */
    static List<String> texts(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return null;
        }
        String accepted = name + " must be a list of non-blank strings.";
        if (!(value instanceof List<?> list)) {
            throw error(name, accepted);
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw error(name, accepted);
            }
            texts.add(text);
        }
        return List.copyOf(texts);
    }
}
