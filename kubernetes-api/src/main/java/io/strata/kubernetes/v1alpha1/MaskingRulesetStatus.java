package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a {@link MaskingRuleset} is: Strata's ruleset, its version and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskingRulesetStatus extends StrataStatus {

    @JsonPropertyDescription("Strata's id of the ruleset (GET /api/v1/rulesets/{id}).")
    private String id;

    @JsonPropertyDescription("Its version: one more with every change of the spec's rules.")
    private Integer version;

    @JsonPropertyDescription("How many rules it has.")
    private Integer rules;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }

    public Integer getRules() {
        return rules;
    }

    public void setRules(Integer rules) {
        this.rules = rules;
    }
}
