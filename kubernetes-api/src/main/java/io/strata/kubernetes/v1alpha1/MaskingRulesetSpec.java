package io.strata.kubernetes.v1alpha1;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * What a {@link MaskingRuleset} should be: the fields of {@code POST /api/v1/rulesets}. Every field may change: the
 * ruleset gets its next version, which later maskings use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskingRulesetSpec {

    @JsonPropertyDescription("Its name in Strata (GET /api/v1/rulesets), unique there; default: metadata.name. 1 to 63 "
            + "lower-case letters, digits, '_' or '-'.")
    @Pattern("^[a-z0-9][a-z0-9_-]{0,62}$")
    private String name;

    @JsonPropertyDescription("The rules, at most one per column: {table, column, algorithm, params}. Each algorithm "
            + "and its parameters are checked when the resource is applied (GET /api/v1/algorithms lists them); the "
            + "tables and columns when a database is masked.")
    @Required
    @Size(min = 1, max = 5000)
    private List<RulesetRule> rules;

    @JsonPropertyDescription("Columns (table.column) whose text is public, such as titles: the leak check does not "
            + "look for masked values inside them.")
    private List<String> publicText;

    @JsonPropertyDescription("Key versions to mask with, by domain ({names: names-v1}), so that copies masked after a "
            + "key rotation still agree with older ones; other domains use their current key.")
    private Map<String, String> keys;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<RulesetRule> getRules() {
        return rules;
    }

    public void setRules(List<RulesetRule> rules) {
        this.rules = rules;
    }

    public List<String> getPublicText() {
        return publicText;
    }

    public void setPublicText(List<String> publicText) {
        this.publicText = publicText;
    }

    public Map<String, String> getKeys() {
        return keys;
    }

    public void setKeys(Map<String, String> keys) {
        this.keys = keys;
    }
}
