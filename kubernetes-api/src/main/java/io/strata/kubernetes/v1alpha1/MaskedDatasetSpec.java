package io.strata.kubernetes.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * What a {@link MaskedDataset} should be: the fields of {@code POST /api/v1/masked-datasets}. Nothing of it can change once made: a different source or ruleset is another masked dataset.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskedDatasetSpec {

    @JsonPropertyDescription("Its name in Strata (GET /api/v1/masked-datasets), unique there; default: metadata.name. "
            + "1 to 63 lower-case letters, digits, '_' or '-'. A VirtualDatabase's from.dataset may name it.")
    @Pattern("^[a-z0-9][a-z0-9_-]{0,62}$")
    private String name;

    @JsonPropertyDescription("The Source resource of this namespace (metadata.name) whose snapshots are masked. "
            + "Exactly one of source and sourceId.")
    @Pattern(StrataResources.RESOURCE_NAME_PATTERN)
    private String source;

    @JsonPropertyDescription("The Strata id of a source linked over REST (GET /api/v1/sources).")
    private String sourceId;

    @JsonPropertyDescription("The ruleset: a MaskingRuleset resource of this namespace (metadata.name), or the id or "
            + "name of a ruleset made over REST. Later maskings use its newest version.")
    @Required
    private String ruleset;

    @JsonPropertyDescription("Whether every role that can log in gets a new password, kept by Strata; default true.")
    private Boolean resetUsers;

    @JsonPropertyDescription("Production roles that must not log in to any copy: they lose their password and LOGIN.")
    private List<String> disableRoles;

    @JsonPropertyDescription("Keep only a subset of each snapshot, with referential integrity; default: everything.")
    private MaskedDatasetSubset subset;

    public MaskedDatasetSubset getSubset() {
        return subset;
    }

    public void setSubset(MaskedDatasetSubset subset) {
        this.subset = subset;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }

    public String getRuleset() {
        return ruleset;
    }

    public void setRuleset(String ruleset) {
        this.ruleset = ruleset;
    }

    public Boolean getResetUsers() {
        return resetUsers;
    }

    public void setResetUsers(Boolean resetUsers) {
        this.resetUsers = resetUsers;
    }

    public List<String> getDisableRoles() {
        return disableRoles;
    }

    public void setDisableRoles(List<String> disableRoles) {
        this.disableRoles = disableRoles;
    }
}
