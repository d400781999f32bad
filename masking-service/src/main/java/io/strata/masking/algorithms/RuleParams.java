package io.strata.masking.algorithms;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a rule's parameters, refusing a wrong one with a {@link RuleError} that names it. */
final class RuleParams {

    private RuleParams() {
    }

    /** Refuses a parameter the algorithm does not take (a misspelt {@code lunh} would otherwise do nothing). */
    static void onlyKnown(Map<String, Object> params, String algorithm, Set<String> known) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new RuleError("params." + name, algorithm + " has no parameter '" + name + "'; its "
                        + "parameters are " + new TreeSet<>(known) + ".");
            }
        }
    }

    /** A true/false parameter, {@code fallback} when absent. */
    static boolean bool(Map<String, Object> params, String name, boolean fallback) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean bool)) {
            throw new RuleError("params." + name, name + " is true or false, not '" + value + "'.");
        }
        return bool;
    }

    /** A text parameter, {@code fallback} when absent. */
    static String string(Map<String, Object> params, String name, String fallback) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new RuleError("params." + name, name + " is a string, not '" + value + "'.");
        }
        return text;
    }

    /** The key domain: {@code params.domain}, or the algorithm's own default. */
    static String domain(Map<String, Object> params, String fallback) {
        String domain = string(params, "domain", fallback);
        FileMaskingKeys.checkDomain(domain);
        return domain;
    }
}
