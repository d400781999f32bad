package io.strata.charts;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The pods of a rendering: a component's pod spec, its environment and its mounts. */
final class Pods {

    private Pods() {
    }

    /** The pod spec of component {@code component} (its Deployment, or the storage node's StatefulSet). */
    static PodSpec of(List<HasMetadata> objects, String component) {
        String name = "strata-" + component;
        return Chart.all(objects, StatefulSet.class).stream().filter(set -> name.equals(set.getMetadata()
                .getName())).map(set -> set.getSpec().getTemplate().getSpec()).findFirst().orElseGet(() -> Chart.find(
                        objects, Deployment.class, name).getSpec().getTemplate().getSpec());
    }

    /** A container's variable; fails when it has none of that name. */
    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> name.equals(variable.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no variable " + name));
    }

    /** A variable's value: its own, or the key of {@code config} it refers to (which must exist). */
    static String value(ConfigMap config, EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        var reference = Objects.requireNonNull(variable.getValueFrom().getConfigMapKeyRef(), variable.getName()
                + " does not come from a ConfigMap");
        if (!config.getMetadata().getName().equals(reference.getName())
                || !config.getData().containsKey(reference.getKey())) {
            throw new AssertionError(variable.getName() + " refers to " + reference.getName() + "/"
                    + reference.getKey() + ", which the rendering lacks");
        }
        return config.getData().get(reference.getKey());
    }

    /** Where a component's container mounts a volume. */
    static String mountPath(List<HasMetadata> objects, String component, String volume) {
        return of(objects, component).getContainers().get(0).getVolumeMounts().stream().filter(mount -> volume
                .equals(mount.getName())).findFirst().orElseThrow(() -> new AssertionError(component
                        + " does not mount " + volume))
                .getMountPath();
    }

    /** The keys a component's Secret volume takes from its Secret. */
    static List<String> secretItems(List<HasMetadata> objects, String component, String volume) {
        Volume found = of(objects, component).getVolumes().stream().filter(candidate -> volume.equals(candidate
                .getName())).findFirst().orElseThrow(() -> new AssertionError(component + " has no volume "
                        + volume));
        return found.getSecret().getItems().stream().map(KeyToPath::getKey).toList();
    }
}
