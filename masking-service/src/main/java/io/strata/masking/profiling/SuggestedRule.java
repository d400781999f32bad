package io.strata.masking.profiling;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The masking rule suggested for a column: an algorithm of {@link io.strata.masking.algorithms.Algorithms} and
 * parameters it accepts on that column (checked by configuring it and masking the sampled values with it).
 *
 * @param algorithm the algorithm's name
 * @param params its parameters
 */
public record SuggestedRule(String algorithm, Map<String, Object> params) {

    /** An unmodifiable copy, its parameters sorted by name so that an inventory reads the same every time. */
    public SuggestedRule {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
    }
}
