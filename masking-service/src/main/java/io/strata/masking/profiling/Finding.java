package io.strata.masking.profiling;

import io.strata.masking.algorithms.MaskingRule;

/**
 * One column that holds, or is named as if it held, sensitive data.
 *
 * @param table the table (schema-qualified when not in {@code public})
 * @param column the column
 * @param type the column's type as the catalog names it
 * @param kind what was found
 * @param foundBy whether the name, the values or both say so
 * @param evidence the share (0 to 1) of the sampled non-null values that look like the kind; for a column found by
 *        its name, the values that look like it even loosely (nine bare digits count as an SSN there)
 * @param sampledRows how many rows of the table were sampled
 * @param sampledValues how many of them hold a value in this column (not NULL)
 * @param suggested the suggested rule, {@code null} when no algorithm fits the column (see {@code note})
 * @param note what a reviewer should know: why this rule, what it does not keep, what to check
 */
public record Finding(String table, String column, String type, PiiKind kind, FoundBy foundBy, double evidence,
        int sampledRows, int sampledValues, SuggestedRule suggested, String note) {

    /** The finding with another suggestion and note. */
    public Finding suggesting(SuggestedRule rule, String why) {
        return new Finding(table, column, type, kind, foundBy, evidence, sampledRows, sampledValues, rule, why);
    }

    /** The suggestion as a rule of a ruleset; {@code null} when there is none. */
    public MaskingRule toRule() {
        return suggested == null ? null : new MaskingRule(table, column, suggested.algorithm(), suggested.params());
    }
}
