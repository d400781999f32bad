package io.strata.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.engine.HostConnection;
import io.strata.engine.ProgressListener;
import io.strata.engine.StagingPod;
import io.strata.engine.UserError;
import io.strata.hosts.EngineStatefulSets;
import io.strata.hosts.HostConnections;
import io.strata.ingest.config.IngestConfig;

/**
 * The Kubernetes objects of a staging copy in a pod, beside the PersistentVolume and claim that the provisioning
 * service makes on the staging volume's export: a Secret with the source's password and a StatefulSet of one pod
 * running the plugin's {@link StagingPod} on the claim. An init container gives the new volume to the pod's uid and
 * loads it; the engine keeps it current. Syncs run the plugin's code in the pod through exec. A resync points the
 * same StatefulSet at the new volume's claim; disable and enable scale it to none and back.
 */
@ApplicationScoped
public class StagingPods {

    /** The label that names the source on each of its staging objects and on its pod. */
    public static final String SOURCE_LABEL = "strata.io/source";

    /** The source's secret parameter that its staging pod is given, from a Secret. */
    public static final String PASSWORD_PARAMETER = "connection.password";

    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final Duration POLL = Duration.ofSeconds(1);

    @Inject
    Instance<KubernetesClient> client;

    @Inject
    HostConnections hosts;

    @Inject
    IngestConfig config;

    /** The StatefulSet of a source's staging copy: a DNS-1123 label, short enough for its pod's labels. */
    public static String nameOf(String sourceName) {
        String name = ("staging-" + sourceName.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9-]", "-");
        return name.length() > 52 ? name.substring(0, 52).replaceAll("-+$", "") : name;
    }

    /** The Secret holding the source's password for its staging pod. */
    public static String secretOf(String sourceName) {
        return nameOf(sourceName) + "-credentials";
    }

    /** The environment a staging pod's volume is attached to: the namespace's claims. */
    public static EnvironmentRef environment(String namespace) {
        return ref(namespace, null, null);
    }

    /** A Kubernetes environment of Strata's own: no registered pod, and commands run as the owner of the files. */
    private static EnvironmentRef ref(String namespace, String pod, String container) {
        return new EnvironmentRef(environmentId(namespace), EnvironmentKind.KUBERNETES, null, 0, null, null, null,
                namespace, pod, container);
    }

    /** The staging environment id recorded for a source staged in a namespace. */
    public static String environmentId(String namespace) {
        return "kubernetes:" + namespace;
    }

    /**
     * Creates or updates the Secret and the StatefulSet, its pod on {@code claim}.
     *
     * @throws UserError when the API server refuses them
     */
    public void apply(Source source, String claim, String password) {
        String name = nameOf(source.name);
        try {
            Secret secret = new SecretBuilder().withNewMetadata().withName(secretOf(source.name)).withNamespace(
                    source.stagingNamespace).withLabels(labels(source)).endMetadata().withType("Opaque")
                    .withStringData(Map.of("password", password == null ? "" : password)).build();
            client.get().resource(secret).inNamespace(source.stagingNamespace).createOr(NonDeletingOperation::update);
            long uid = config.staging().pods().runAsUser();
            EngineStatefulSets.apply(client.get(), new EngineStatefulSets.Workload(name, source.stagingNamespace,
                    labels(source), Map.of(SOURCE_LABEL, source.id), claim, source.stagingPod.engine(), uid, List.of(
                            new EnvVarBuilder().withName(StagingPod.PASSWORD_VARIABLE).withNewValueFrom()
                                    .withNewSecretKeyRef("password", secretOf(source.name), false).endValueFrom()
                                    .build()),
                    true));
        } catch (KubernetesClientException e) {
            throw refused("create or update", source, e);
        }
    }

    /**
     * Waits until the StatefulSet has rolled out its current spec and its pod is ready: the init container has loaded
     * the copy and the engine accepts connections.
     *
     * @throws UserError when that takes longer than {@code strata.ingest.staging.pods.ready-timeout}
     */
    public void awaitReady(Source source, ProgressListener progress) {
        Duration timeout = config.staging().pods().readyTimeout();
        Instant deadline = Instant.now().plus(timeout);
        String name = nameOf(source.name);
        while (!EngineStatefulSets.rolledOut(client.get(), source.stagingNamespace, name)) {
            if (Instant.now().isAfter(deadline)) {
                throw new UserError("The staging pod " + source.stagingNamespace + "/" + name + "-0 was not ready "
                        + "within " + timeout.toMinutes() + " minutes.",
                        "See its events and its init container's "
                                + "log (kubectl -n " + source.stagingNamespace + " describe pod " + name + "-0; "
                                + "kubectl -n " + source.stagingNamespace + " logs " + name + "-0 -c configure).");
            }
            progress.progress(0, "waiting for the staging pod " + source.stagingNamespace + "/" + name + "-0 "
                    + "(its init container loads the copy)");
            sleep();
        }
    }

    /** Scales the staging pod to one (enable) or none (disable). */
    public void scale(Source source, int replicas) {
        try {
            EngineStatefulSets.scale(client.get(), source.stagingNamespace, nameOf(source.name), replicas);
        } catch (KubernetesClientException e) {
            throw refused("scale", source, e);
        }
    }

    /**
     * Deletes the staging pod, which its StatefulSet makes again: the engine starts anew, with its Secret's current
     * password in its environment.
     *
     * @throws UserError when the API server refuses
     */
    public void restart(Source source) {
        try {
            client.get().pods().inNamespace(source.stagingNamespace).withName(nameOf(source.name) + "-0").delete();
        } catch (KubernetesClientException e) {
            throw refused("restart", source, e);
        }
    }

    /** Deletes the StatefulSet and the Secret, and waits (a minute at most) until the pod is gone. */
    public void delete(Source source) {
        String name = nameOf(source.name);
        try {
            client.get().apps().statefulSets().inNamespace(source.stagingNamespace).withName(name).delete();
            client.get().secrets().inNamespace(source.stagingNamespace).withName(secretOf(source.name)).delete();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (client.get().pods().inNamespace(source.stagingNamespace).withName(name + "-0").get() != null
                    && Instant.now().isBefore(deadline)) {
                sleep();
            }
        } catch (KubernetesClientException e) {
            throw refused("delete", source, e);
        }
    }

    /** Commands in the staging pod's engine container, run as the owner of its files. */
    public HostConnection exec(Source source) {
        return hosts.connect(ref(source.stagingNamespace, nameOf(source.name) + "-0",
                EngineStatefulSets.ENGINE_CONTAINER));
    }

    private static Map<String, String> labels(Source source) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, "strata");
        labels.put(SOURCE_LABEL, source.id);
        labels.put("app.kubernetes.io/name", "staging");
        labels.put("app.kubernetes.io/instance", nameOf(source.name));
        return labels;
    }

    private static UserError refused(String what, Source source, KubernetesClientException e) {
        return new UserError("Could not " + what + " the staging objects of source " + source.name + " in namespace "
                + source.stagingNamespace + ": " + e.getMessage() + ".",
                "Grant Strata's account get, create, update, "
                        + "patch and delete on statefulsets and secrets in " + source.stagingNamespace + ".");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while waiting for a staging pod.", "Retry.");
        }
    }
}
