package io.strata.charts;

import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** The Strimzi and CloudNativePG resources of a rendering, which fabric8 reads as generic resources. */
final class Operators {

    private Operators() {
    }

    /** The one resource of a kind. */
    static GenericKubernetesResource resource(List<HasMetadata> objects, String kind) {
        return Chart.all(objects, GenericKubernetesResource.class).stream().filter(resource -> kind.equals(resource
                .getKind())).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in the rendering"));
    }

    /** A field of the one resource of a kind, by its path. */
    static <T> T field(List<HasMetadata> objects, String kind, Object... path) {
        return resource(objects, kind).get(path);
    }
}
