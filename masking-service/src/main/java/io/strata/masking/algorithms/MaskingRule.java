package io.strata.masking.algorithms;

import java.util.Map;

/**
 * One rule of a ruleset: mask this column with this algorithm.
 *
 * @param table the table (schema-qualified when not in {@code public})
 * @param column the column
 * @param algorithm the algorithm's name ({@code secure-lookup}, {@code fpe}, {@code unique-map}, ...)
 * @param params the algorithm's parameters
 */
public record MaskingRule(String table, String column, String algorithm, Map<String, Object> params) {

    /** The parameters, never {@code null}. */
    public Map<String, Object> parameters() {
        return params == null ? Map.of() : params;
    }
}
