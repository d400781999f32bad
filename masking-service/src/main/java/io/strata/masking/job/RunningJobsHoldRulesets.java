package io.strata.masking.job;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.masking.ruleset.Ruleset;
import io.strata.masking.ruleset.RulesetUsers;

/** A running masking job holds its ruleset; finished runs keep a copy of the rules they used. */
@ApplicationScoped
public class RunningJobsHoldRulesets implements RulesetUsers {

    @Override
    public Optional<String> holds(Ruleset ruleset) {
        if (MaskingRun.count("rulesetId = ?1 and status = ?2", ruleset.id, MaskingRun.Status.RUNNING) == 0) {
            return Optional.empty();
        }
        return Optional.of("Ruleset " + ruleset.name + " is in use by a running masking job; delete it when the job "
                + "has ended.");
    }
}
