package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * What an action on a data pod ({@link PodReset}, {@link PodUndo}, {@link PodRefresh}) names: which pod. Read once, when
 * it starts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodActionSpec {

    @JsonPropertyDescription("The DataPod resource in this namespace to act on, by metadata.name.")
    @Required
    @Pattern(StrataResources.RESOURCE_NAME_PATTERN)
    private String dataPod;

    public String getDataPod() {
        return dataPod;
    }

    public void setDataPod(String dataPod) {
        this.dataPod = dataPod;
    }
}
