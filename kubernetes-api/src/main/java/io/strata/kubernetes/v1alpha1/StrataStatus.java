package io.strata.kubernetes.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/**
 * What every Strata resource's status has: the conditions ({@code Ready} and friends, in the shape of
 * {@code metav1.Condition}) and the generation of the spec they describe. {@link StatusConditions} builds them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class StrataStatus {

    @JsonPropertyDescription("The generation of the spec this status describes; older than metadata.generation while "
            + "a change is being applied.")
    private Long observedGeneration;

    @JsonPropertyDescription("The resource's conditions: Ready says whether it is usable, and if not, why (reason) "
            + "and what to do (message).")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }
}
