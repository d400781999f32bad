package io.strata.masking.ruleset;

import java.util.Optional;

/**
 * Something that uses rulesets (masking jobs, masked datasets) and so may keep one from being deleted. The ruleset
 * package knows its users only through this, so that it does not depend on the packages built on it.
 */
public interface RulesetUsers {

    /** Why the ruleset may not be deleted now, said for a person; empty when this user does not hold it. */
    Optional<String> holds(Ruleset ruleset);
}
