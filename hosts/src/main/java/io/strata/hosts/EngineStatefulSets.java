package io.strata.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.strata.engine.EnginePod;

/**
 * A StatefulSet of one pod running an engine ({@link EnginePod}) on a volume's claim, mounted at
 * {@link EnginePod#DATA_MOUNT}, with a pod-local directory at {@link EnginePod#RUN_MOUNT}, as the uid that owns the
 * volume's files: what a virtual database and a staging copy in a pod both are. Scaling it to none stops the engine,
 * to one starts it again; pointing it at another claim replaces its pod.
 */
public final class EngineStatefulSets {

    /** The engine's container, where exec sessions run. */
    public static final String ENGINE_CONTAINER = "engine";

    private static final String DATA_VOLUME = "data";
    private static final String RUN_VOLUME = "run";

    private EngineStatefulSets() {
    }

    /**
     * What the StatefulSet is made of.
     *
     * @param name its name, and its pod's prefix
     * @param namespace its namespace
     * @param labels the labels of the StatefulSet and its pod
     * @param selector the labels that select its pod (a subset of {@code labels})
     * @param claim the claim its data directory is on
     * @param engine how the engine runs
     * @param uid the uid its containers run as
     * @param env the containers' environment
     * @param ownVolume whether an init container first gives the volume to {@code uid} (as root), for a new, empty
     *        volume that the pool made root's
     */
    public record Workload(String name, String namespace, Map<String, String> labels, Map<String, String> selector,
            String claim, EnginePod engine, long uid, List<EnvVar> env, boolean ownVolume) {
    }

    /** Creates the StatefulSet, or updates it to this (a new claim, say). */
    public static void apply(KubernetesClient client, Workload workload) {
        client.apps().statefulSets().inNamespace(workload.namespace()).resource(statefulSet(workload)).createOr(
                NonDeletingOperation::update);
    }

    /** The uid the StatefulSet's pod runs as, or {@code null} when there is no such StatefulSet. */
    public static Long runsAs(KubernetesClient client, String namespace, String name) {
        StatefulSet current = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        return current == null ? null : current.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
    }

    /** Scales the StatefulSet to one pod (start) or none (stop), if it exists and is not at that already. */
    public static void scale(KubernetesClient client, String namespace, String name, int replicas) {
        StatefulSet current = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (current != null && !Integer.valueOf(replicas).equals(current.getSpec().getReplicas())) {
            client.apps().statefulSets().inNamespace(namespace).withName(name).edit(set -> {
                set.getSpec().setReplicas(replicas);
                return set;
            });
        }
    }

    /** How many of its pods are ready: 0 or 1. */
    public static int readyPods(KubernetesClient client, String namespace, String name) {
        StatefulSet current = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        Integer ready = current == null || current.getStatus() == null ? null : current.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    /**
     * Whether the StatefulSet has rolled out its current spec and its pod is ready: right after a change (a new claim),
     * the old pod may still report ready until the controller replaces it.
     */
    public static boolean rolledOut(KubernetesClient client, String namespace, String name) {
        StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (set == null || set.getStatus() == null) {
            return false;
        }
        var status = set.getStatus();
        boolean observed = status.getObservedGeneration() != null && status.getObservedGeneration() >= set
                .getMetadata().getGeneration();
        boolean current = status.getUpdateRevision() == null || Objects.equals(status.getCurrentRevision(), status
                .getUpdateRevision());
        return observed && current && status.getReadyReplicas() != null && status.getReadyReplicas() > 0;
    }

    /** The StatefulSet, built. */
    static StatefulSet statefulSet(Workload workload) {
        EnginePod engine = workload.engine();
        List<VolumeMount> mounts = List.of(new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(
                EnginePod.DATA_MOUNT).build(), new VolumeMountBuilder().withName(RUN_VOLUME)
                        .withMountPath(
                                EnginePod.RUN_MOUNT)
                        .build());
        List<Container> inits = new ArrayList<>();
        if (workload.ownVolume()) {
            inits.add(new ContainerBuilder().withName("own").withImage(engine.image()).withCommand("chown", workload
                    .uid() + ":" + workload.uid(), EnginePod.DATA_MOUNT).withVolumeMounts(mounts.get(0))
                    .withNewSecurityContext().withRunAsUser(0L).withRunAsNonRoot(false).endSecurityContext().build());
        }
        inits.add(new ContainerBuilder().withName("configure").withImage(engine.image()).withCommand(engine.init())
                .withEnv(workload.env()).withVolumeMounts(mounts).build());
        Container main = new ContainerBuilder().withName(ENGINE_CONTAINER).withImage(engine.image()).withCommand(
                engine.command()).withEnv(workload.env()).withVolumeMounts(mounts).addNewPort().withName(
                        ENGINE_CONTAINER)
                .withContainerPort(engine.port()).endPort().withNewReadinessProbe()
                .withNewExec().withCommand(engine.readiness()).endExec().withPeriodSeconds(2).endReadinessProbe()
                .build();
        return new StatefulSetBuilder().withNewMetadata().withName(workload.name()).withNamespace(workload
                .namespace()).withLabels(workload.labels()).endMetadata().withNewSpec().withReplicas(1)
                .withServiceName(workload.name()).withNewSelector().withMatchLabels(workload.selector())
                .endSelector().withNewTemplate().withNewMetadata().withLabels(workload.labels()).endMetadata()
                .withNewSpec().withNewSecurityContext().withRunAsUser(workload.uid()).endSecurityContext()
                .withInitContainers(inits).withContainers(main).addNewVolume().withName(DATA_VOLUME)
                .withNewPersistentVolumeClaim(workload.claim(), false).endVolume().addNewVolume().withName(
                        RUN_VOLUME)
                .withNewEmptyDir().endEmptyDir().endVolume().endSpec().endTemplate().endSpec()
                .build();
    }
}
