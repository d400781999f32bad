package io.strata.masking.profiling;

import java.util.Map;

/**
 * The masking rule suggested for a column: an algorithm of {@link io.strata.masking.algorithms.Algorithms} and
 * parameters it accepts on that column (checked by configuring it and masking the sampled values with it).
 *
 * @param algorithm the algorithm's name
 * @param params its parameters
 */
public record SuggestedRule(String algorithm, Map<String, Object> params) {

    /** An unmodifiable copy. */
    public SuggestedRule {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
