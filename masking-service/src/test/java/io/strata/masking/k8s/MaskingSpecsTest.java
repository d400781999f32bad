package io.strata.masking.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strata.kubernetes.v1alpha1.MaskedDataset;
import io.strata.kubernetes.v1alpha1.MaskedDatasetSpec;
import io.strata.kubernetes.v1alpha1.MaskedDatasetSubset;
import io.strata.kubernetes.v1alpha1.MaskingRuleset;
import io.strata.kubernetes.v1alpha1.MaskingRulesetSpec;
import io.strata.kubernetes.v1alpha1.RulesetRule;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.dataset.CreateMaskedDataset;
import io.strata.masking.ruleset.RulesetRequest;
import io.strata.masking.ruleset.RulesetView;
import io.strata.masking.subset.SubsetRequest;

/**
 * What a MaskingRuleset's and a MaskedDataset's spec stand for as REST requests, and when a ruleset's spec is a change
 * (its next version) and when it is the ruleset as it is (nothing written).
 */
class MaskingSpecsTest {

    private static RulesetRule rule(String column, String algorithm, Map<String, Object> params) {
        RulesetRule rule = new RulesetRule();
        rule.setTable("patients");
        rule.setColumn(column);
        rule.setAlgorithm(algorithm);
        if (params != null) {
            rule.setParams(params.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    entry -> new AnyType(entry.getValue()))));
        }
        return rule;
    }

    private static MaskingRuleset ruleset(RulesetRule... rules) {
        MaskingRulesetSpec spec = new MaskingRulesetSpec();
        spec.setRules(List.of(rules));
        MaskingRuleset resource = new MaskingRuleset();
        resource.setMetadata(new ObjectMetaBuilder().withName("clinic-pii").withNamespace("qa").build());
        resource.setSpec(spec);
        return resource;
    }

    @Test
    void aRulesetSpecIsTheRulesetRequestWithItsParams() {
        RulesetRequest request = MaskingRulesetReconciler.request(ruleset(rule("first_name", "secure-lookup", Map.of(
                "dictionary", "first-names")), rule("phone", "phone", null)));

        assertThat(request.name()).isEqualTo("clinic-pii");
        assertThat(request.rules()).hasSize(2);
        assertThat(request.rules().get(0).params()).containsEntry("dictionary", "first-names");
        assertThat(request.rules().get(1).params()).isEmpty();
        assertThat(request.publicTextOrNone()).isEmpty();
    }

    @Test
    void theRulesetAsItIsIsNoChangeAndAnotherRuleIsTheNextVersion() {
        RulesetRequest request = MaskingRulesetReconciler.request(ruleset(rule("first_name", "secure-lookup", Map.of(
                "dictionary", "first-names")), rule("age", "noise", Map.of("percent", 10))));
        // As the database gives it back: a Long where the spec had an Integer, an empty key map.
        RulesetView stored = new RulesetView("rs-1", "clinic-pii", 1, List.of(new MaskingRule("patients",
                "first_name", "secure-lookup", Map.of("dictionary", "first-names")),
                new MaskingRule("patients", "age",
                        "noise", Map.of("percent", 10L))),
                List.of(), Map.of(), Instant.now(), Instant.now());

        assertThat(MaskingRulesetReconciler.differs(stored, request)).isFalse();
        RulesetRequest more = MaskingRulesetReconciler.request(ruleset(rule("first_name", "secure-lookup", Map.of(
                "dictionary", "first-names")), rule("age", "noise", Map.of("percent", 20))));
        assertThat(MaskingRulesetReconciler.differs(stored, more)).isTrue();
        RulesetRequest renamed = new RulesetRequest("other", request.rules(), null, null);
        assertThat(MaskingRulesetReconciler.differs(stored, renamed)).isTrue();
    }

    @Test
    void aMaskedDatasetSpecIsTheCreateRequestWithResolvedIds() {
        MaskedDatasetSpec spec = new MaskedDatasetSpec();
        spec.setSource("clinic");
        spec.setRuleset("clinic-pii");
        spec.setResetUsers(false);
        spec.setDisableRoles(List.of("reporting"));
        MaskedDataset resource = new MaskedDataset();
        resource.setMetadata(new ObjectMetaBuilder().withName("clinic-masked").withNamespace("qa").build());
        resource.setSpec(spec);

        CreateMaskedDataset request = MaskedDatasetReconciler.request(resource, "src-1", "rs-1");

        assertThat(request.name()).isEqualTo("clinic-masked");
        assertThat(request.source()).isEqualTo("src-1");
        assertThat(request.ruleset()).isEqualTo("rs-1");
        assertThat(request.resetsUsers()).isFalse();
        assertThat(request.rolesToDisable()).containsExactly("reporting");
        assertThat(request.subset()).isNull();
    }

    @Test
    void aMaskedDatasetSpecsSubsetIsTheRequestsSubset() {
        MaskedDatasetSpec spec = new MaskedDatasetSpec();
        spec.setSource("clinic");
        spec.setRuleset("clinic-pii");
        MaskedDatasetSubset subset = new MaskedDatasetSubset();
        MaskedDatasetSubset.Root root = new MaskedDatasetSubset.Root();
        root.setTable("patients");
        root.setWhere("country = 'NL'");
        root.setPercent(10.0);
        subset.setRoots(List.of(root));
        MaskedDatasetSubset.Columns patients = new MaskedDatasetSubset.Columns();
        patients.setTable("patients");
        patients.setColumns(List.of("id"));
        MaskedDatasetSubset.VirtualKey key = new MaskedDatasetSubset.VirtualKey();
        key.setTable("notes");
        key.setColumns(List.of("patient"));
        key.setReferences(patients);
        subset.setVirtualKeys(List.of(key));
        subset.setUnrelated("empty");
        spec.setSubset(subset);
        MaskedDataset resource = new MaskedDataset();
        resource.setMetadata(new ObjectMetaBuilder().withName("clinic-few").withNamespace("qa").build());
        resource.setSpec(spec);

        SubsetRequest request = MaskedDatasetReconciler.request(resource, "src-1", "rs-1").subset();

        assertThat(request.roots()).containsExactly(new SubsetRequest.Root("patients", "country = 'NL'", 10.0));
        assertThat(request.virtualKeys()).containsExactly(new SubsetRequest.VirtualKey("notes", List.of("patient"),
                new SubsetRequest.Reference("patients", List.of("id"))));
        assertThat(request.unrelated()).isEqualTo(SubsetRequest.Unrelated.EMPTY);
        assertThat(request.nullDanglingOptional()).isFalse();
    }
}
