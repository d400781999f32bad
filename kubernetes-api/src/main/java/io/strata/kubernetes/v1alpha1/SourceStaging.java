package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a {@link Source}'s staging copy runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStaging {

    @JsonPropertyDescription("An Environment resource of this namespace (metadata.name), or a Strata environment's "
            + "id or name.")
    private String environment;

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }
}
