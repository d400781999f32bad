package io.strata.kubernetes.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.AnyType;

/** One rule of a {@link MaskingRuleset}: how one column is masked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RulesetRule {

    @JsonPropertyDescription("The table (schema.table outside public).")
    @Required
    private String table;

    @JsonPropertyDescription("The column.")
    @Required
    private String column;

    @JsonPropertyDescription("The algorithm (GET /api/v1/algorithms), e.g. name, email, fpe, redact.")
    @Required
    private String algorithm;

    @JsonPropertyDescription("The algorithm's parameters, as GET /api/v1/algorithms describes them.")
    private Map<String, AnyType> params;

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(String algorithm) {
        this.algorithm = algorithm;
    }

    public Map<String, AnyType> getParams() {
        return params;
    }

    public void setParams(Map<String, AnyType> params) {
        this.params = params;
    }
}
