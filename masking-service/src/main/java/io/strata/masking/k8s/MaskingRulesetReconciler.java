package io.strata.masking.k8s;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.validation.Validator;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.MaskingRuleset;
import io.strata.kubernetes.v1alpha1.MaskingRulesetSpec;
import io.strata.kubernetes.v1alpha1.MaskingRulesetStatus;
import io.strata.kubernetes.v1alpha1.RulesetRule;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.masking.ruleset.RulesetRequest;
import io.strata.masking.ruleset.RulesetService;
import io.strata.masking.ruleset.RulesetView;
import io.strata.operator.Specs;
import io.strata.operator.StatusReconciler;

/**
 * Converges a {@link MaskingRuleset} resource through the same {@link RulesetService} as
 * {@code POST /api/v1/rulesets}: the first reconcile makes the ruleset (which remembers the resource, so a restart
 * finds it again), a changed spec makes its next version ({@code PUT /api/v1/rulesets/{id}}), which later maskings
 * use; deleting the resource deletes the ruleset once no masked dataset or running job uses it.
 */
@ControllerConfiguration(name = "maskingruleset", finalizerName = StrataResources.FINALIZER)
public class MaskingRulesetReconciler extends StatusReconciler<MaskingRuleset, MaskingRulesetStatus>
        implements
            Cleaner<MaskingRuleset> {

    @Inject
    RulesetService rulesets;

    @Inject
    Validator validator;

    @Override
    protected MaskingRulesetStatus newStatus() {
        return new MaskingRulesetStatus();
    }

    @Override
    protected Duration converge(MaskingRuleset resource, MaskingRulesetStatus status, StatusConditions conditions) {
        try {
            RulesetRequest request = Specs.valid(validator, request(resource));
            Optional<RulesetView> existing = rulesets.managedBy(key(resource));
            RulesetView ruleset;
            if (existing.isEmpty()) {
                ruleset = rulesets.create(request, key(resource));
                Log.infof("MaskingRuleset %s: made %s", key(resource), ruleset.id());
            } else if (differs(existing.get(), request)) {
                ruleset = rulesets.update(existing.get().id(), request);
                Log.infof("MaskingRuleset %s: %s is at version %d", key(resource), ruleset.id(), ruleset.version());
            } else {
                ruleset = existing.get();
            }
            status.setId(ruleset.id());
            status.setVersion(ruleset.version());
            status.setRules(ruleset.rules().size());
            conditions.isTrue(StrataResources.READY, "Ready", "Ruleset " + ruleset.name() + " version "
                    + ruleset.version() + ": " + ruleset.rules().size() + " rule(s).");
        } catch (ApiException e) {
            // A refused spec keeps the version made before (if any) and waits for a change of it.
            conditions.isFalse(StrataResources.READY, Specs.reason(e), Specs.message(e));
        }
        return null;
    }

    /** The REST request a spec stands for. */
    static RulesetRequest request(MaskingRuleset resource) {
        MaskingRulesetSpec spec = resource.getSpec() == null ? new MaskingRulesetSpec() : resource.getSpec();
        String name = spec.getName() != null ? spec.getName() : resource.getMetadata().getName();
        List<RulesetRequest.Rule> rules = spec.getRules() == null
                ? null
                : spec.getRules().stream().map(
                        MaskingRulesetReconciler::rule).toList();
        return new RulesetRequest(name, rules, spec.getPublicText(), spec.getKeys());
    }

    private static RulesetRequest.Rule rule(RulesetRule rule) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (rule.getParams() != null) {
            rule.getParams().forEach((name, value) -> params.put(name, value == null ? null : value.getValue()));
        }
        return new RulesetRequest.Rule(rule.getTable(), rule.getColumn(), rule.getAlgorithm(), params);
    }

    /** Whether a request would change the ruleset: its name, rules, public-text columns or key pins. */
    static boolean differs(RulesetView ruleset, RulesetRequest request) {
        List<List<Object>> wanted = request.rules().stream().map(rule -> List.<Object>of(rule.table().strip(), rule
                .column().strip(), rule.algorithm().strip(), rule.params() == null ? Map.of() : rule.params()))
                .toList();
        List<List<Object>> current = ruleset.rules().stream().map(rule -> List.<Object>of(rule.table(), rule
                .column(), rule.algorithm(), rule.params() == null ? Map.of() : rule.params())).toList();
        return !ruleset.name().equals(request.name()) || !Specs.sameJson(wanted, current) || !Specs.sameJson(
                request.publicTextOrNone(), ruleset.publicText())
                || !Specs.sameJson(request.keys() == null
                        ? Map.of()
                        : request.keys(), ruleset.keys() == null ? Map.of() : ruleset.keys());
    }

    @Override
    public DeleteControl cleanup(MaskingRuleset resource, Context<MaskingRuleset> context) {
        return asOperator.call(() -> release(resource));
    }

    private DeleteControl release(MaskingRuleset resource) {
        Optional<RulesetView> existing = rulesets.managedBy(key(resource));
        if (existing.isPresent()) {
            try {
                rulesets.delete(existing.get().id());
                Log.infof("MaskingRuleset %s: deleted %s", key(resource), existing.get().id());
            } catch (ApiException e) {
                // A masked dataset or a running job uses it: it goes once they are gone.
                Log.infof("MaskingRuleset %s: not deleted yet: %s", key(resource), e.getMessage());
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.notFoundRetry().toMillis());
            }
        }
        return DeleteControl.defaultDelete();
    }
}
