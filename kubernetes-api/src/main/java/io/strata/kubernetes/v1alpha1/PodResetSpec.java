package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reset of a data pod: every virtual database back to the pod's last bookmark, restore or refresh. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodResetSpec {

    @JsonPropertyDescription("The DataPod resource in this namespace to reset, by metadata.name.")
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
