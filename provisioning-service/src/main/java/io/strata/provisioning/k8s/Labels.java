package io.strata.provisioning.k8s;

import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.strata.provisioning.attach.KubernetesVolumes;

/** The labels and owner reference on every object an operator makes for a resource. */
final class Labels {

    /** The resource it was made for. */
    static final String INSTANCE = "app.kubernetes.io/instance";

    private Labels() {
    }

    static Map<String, String> of(HasMetadata owner) {
        return Map.of(KubernetesVolumes.MANAGED_BY, "strata", INSTANCE, owner.getMetadata().getName());
    }

    /**
     * Points the object at its resource, so a cluster's garbage collector removes it with the resource; the operator's
     * cleanup removes it too, for clusters without one.
     */
    static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(false).build();
    }
}
