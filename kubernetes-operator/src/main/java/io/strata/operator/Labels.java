package io.strata.operator;

import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** The labels and owner reference on every object an operator makes for a resource. */
public final class Labels {

    /** Who manages the object. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** The resource it was made for. */
    public static final String INSTANCE = "app.kubernetes.io/instance";

    private Labels() {
    }

    /** The labels of an object made for a resource. */
    public static Map<String, String> of(HasMetadata owner) {
        return Map.of(MANAGED_BY, "strata", INSTANCE, owner.getMetadata().getName());
    }

    /**
     * Points the object at its resource, so a cluster's garbage collector removes it with the resource; the operator's
     * cleanup removes it too, for clusters without one.
     */
    public static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(false).build();
    }
}
