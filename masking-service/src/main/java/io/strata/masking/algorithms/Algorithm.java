package io.strata.masking.algorithms;

import java.util.Map;

/**
 * A masking algorithm: checks a rule's parameters and, given the column and its key, makes the column's
 * {@link Masker}. One small class per algorithm, registered in {@link Algorithms}.
 */
public interface Algorithm {

    /** Its name in rulesets ({@code secure-lookup}, {@code fpe} ...). */
    String name();

    /**
     * Checks the parameters alone, as a ruleset is saved.
     *
     * @throws RuleError naming the parameter ({@code params.<name>}) and what it accepts
     */
    void check(Map<String, Object> params);

    /** Whether two different inputs always give two different outputs, so keys and unique columns survive. */
    boolean keepsDistinct();

    /** The key domain it uses with these parameters ({@code names}, {@code cards} ...), {@code null} if keyless. */
    String keyDomain(Map<String, Object> params);

    /**
     * The column's masker.
     *
     * @param key the domain's key, {@code null} when {@link #keyDomain} is {@code null}
     * @throws RuleError when the rule cannot apply to this column (a type it cannot mask, a domain too small)
     */
    Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key);
}
