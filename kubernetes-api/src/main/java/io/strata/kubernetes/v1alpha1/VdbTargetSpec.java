package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What an action on a virtual database names: which one ({@link VdbSnapshot}; the base of the others). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VdbTargetSpec {

    @JsonPropertyDescription("The VirtualDatabase resource in this namespace to act on, by metadata.name.")
    @Required
    @Pattern(StrataResources.RESOURCE_NAME_PATTERN)
    private String virtualDatabase;

    public String getVirtualDatabase() {
        return virtualDatabase;
    }

    public void setVirtualDatabase(String virtualDatabase) {
        this.virtualDatabase = virtualDatabase;
    }
}
