package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** Where a {@link VirtualDatabase} runs when it runs in a pod of its own: the same as REST's target.kubernetes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodTarget {

    @JsonPropertyDescription("The namespace of the pod's objects (its PersistentVolumeClaim, StatefulSet and Secret, "
            + "and a virtual database's Service); default: this resource's namespace. Strata's account needs the "
            + "service's role there (provisioning for a virtual database, ingest for a staging copy).")
    @Pattern(StrataResources.NAMESPACE_PATTERN)
    private String namespace;

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
