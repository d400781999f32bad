package io.strata.masking.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.strata.masking.algorithms.MaskingRule;

/**
 * A ruleset as the API shows it.
 *
 * @param id its id
 * @param name its name
 * @param version its version, one more with every change
 * @param rules its rules
 * @param publicText columns whose text is public (not searched for masked values)
 * @param keys the key versions it pins, by domain
 * @param createdAt when it was made
 * @param updatedAt when it last changed
 */
public record RulesetView(String id, String name, int version, List<MaskingRule> rules, List<String> publicText,
        Map<String, String> keys, Instant createdAt,
        Instant updatedAt) {

    /** The view of a ruleset. */
    public static RulesetView of(Ruleset ruleset) {
        return new RulesetView(ruleset.id, ruleset.name, ruleset.version, ruleset.rules, ruleset.publicText,
                ruleset.keyPins, ruleset.createdAt,
                ruleset.updatedAt);
    }
}
