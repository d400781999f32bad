package io.strata.masking.algorithms;

import java.util.Map;
import java.util.Set;

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

    /**
     * Every key domain it uses with these parameters: by default the one of {@link #keyDomain}, none when keyless.
     * An algorithm that follows another algorithm's keyed rule (an e-mail made from the masked name) needs that
     * algorithm's domain as well.
     */
    default Set<String> keyDomains(Map<String, Object> params) {
        String domain = keyDomain(params);
        return domain == null ? Set.of() : Set.of(domain);
    }

    /**
     * The column's masker, given the current key of each domain of {@link #keyDomains}. By default the key of
     * {@link #keyDomain} goes to {@link #create(MaskingRule, ColumnInfo, MaskingKey)}.
     *
     * @param keys the keys by domain
     * @throws RuleError when the rule cannot apply to this column
     */
    default Masker create(MaskingRule rule, ColumnInfo column, Map<String, MaskingKey> keys) {
        String domain = keyDomain(rule.parameters());
        return create(rule, column, domain == null ? null : keys.get(domain));
    }
}
