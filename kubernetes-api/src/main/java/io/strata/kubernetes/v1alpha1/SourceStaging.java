package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a {@link Source}'s staging copy runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStaging {

    @JsonPropertyDescription("An Environment resource of this namespace (metadata.name), or a Strata environment's "
            + "id or name.")
    private String environment;

    @JsonPropertyDescription("Run the staging copy in a pod of its own instead of on an environment's host: the "
            + "staging volume becomes a PersistentVolume (NFS) and a claim, mounted by a StatefulSet of one pod "
            + "running the engine's image, whose init container loads the copy; syncs run in the pod. Give "
            + "environment or pod, not both. Not with logSync.")
    private PodTarget pod;

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public PodTarget getPod() {
        return pod;
    }

    public void setPod(PodTarget pod) {
        this.pod = pod;
    }
}
