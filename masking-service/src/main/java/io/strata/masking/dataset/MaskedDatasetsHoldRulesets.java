package io.strata.masking.dataset;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.masking.ruleset.Ruleset;
import io.strata.masking.ruleset.RulesetUsers;

/** A masked dataset holds its ruleset: it masks with it again on every sync of its source. */
@ApplicationScoped
public class MaskedDatasetsHoldRulesets implements RulesetUsers {

    @Override
    public Optional<String> holds(Ruleset ruleset) {
        List<String> following = MaskedDataset.<MaskedDataset>list("rulesetId", ruleset.id).stream().map(
                dataset -> dataset.name).toList();
        if (following.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Ruleset " + ruleset.name + " masks the masked datasets " + following + "; they keep "
                + "using it on every sync.");
    }
}
