package io.strata.provisioning.pods;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.strata.engine.EnginePod;
import io.strata.engine.UserError;
import io.strata.hosts.EngineStatefulSets;
import io.strata.provisioning.attach.KubernetesVolumes;

/**
 * The Kubernetes objects of a virtual database in a pod, beside the PersistentVolume and claim on its clone's export
 * ({@link KubernetesVolumes}): a Secret with its connection and credentials, a Service with a stable name, and a
 * StatefulSet of one pod running the engine's image with the claim as its data directory, as the uid that owns the
 * clone's files. A refresh or rewind points the same StatefulSet at the new clone's claim, so applications keep the
 * Service's name. A plain-files virtual database has no engine: its claim is all there is, and only the Secret is made.
 */
@ApplicationScoped
public class PodWorkloads {

    /** The label that names the virtual database on each of its objects and on its pod. */
    public static final String VDB_LABEL = "strata.io/vdb";

    private static final String ENGINE = "engine";

    @Inject
    Instance<KubernetesClient> client;

    /**
     * What a virtual database in a pod is made of.
     *
     * @param vdbId its id
     * @param name its name
     * @param namespace the namespace of its objects
     * @param claim the claim on its current clone's export
     * @param servicePort the port its Service listens on
     * @param database the database applications use, or {@code null}
     * @param user its database user, or {@code null}
     * @param password that user's password
     * @param engine how its engine runs in a pod; {@code null} for plain files
     * @param uid the uid that owns the clone's files, or {@code null} to keep the StatefulSet's
     */
    public record PodVdb(String vdbId, String name, String namespace, String claim, int servicePort, String database,
            String user, String password, EnginePod engine, Long uid) {
    }

    /** The name of a virtual database's StatefulSet and Service: a DNS-1123 label, short enough for a pod's labels. */
    public static String nameOf(String vdbName) {
        String name = ("vdb-" + vdbName.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9-]", "-");
        return name.length() > 52 ? name.substring(0, 52).replaceAll("-+$", "") : name;
    }

    /** The Secret holding a virtual database's connection and credentials. */
    public static String secretOf(String vdbName) {
        return nameOf(vdbName) + "-credentials";
    }

    /** The address applications in the cluster connect to. */
    public static String hostOf(String vdbName, String namespace) {
        return nameOf(vdbName) + "." + namespace + ".svc";
    }

    /**
     * Creates or updates the Secret, the Service and the StatefulSet (with one pod) on {@code vdb.claim()}.
     *
     * @throws UserError when the API server refuses them (what the service account may not do, say)
     */
    public void apply(PodVdb vdb) {
        String name = nameOf(vdb.name());
        try {
            apply(vdb.namespace(), secret(vdb));
            if (vdb.engine() == null) {
                return;
            }
            applyService(vdb.namespace(), service(vdb));
            Long uid = vdb.uid() != null ? vdb.uid() : EngineStatefulSets.runsAs(client.get(), vdb.namespace(), name);
            if (uid == null) {
                throw new UserError("The owner of the clone's files is not known to run " + vdb.name() + "'s engine "
                        + "as it.", "Set strata.provisioning.kubernetes.run-as-user to that uid.");
            }
            EngineStatefulSets.apply(client.get(), workload(vdb, uid));
        } catch (KubernetesClientException e) {
            throw refused("create or update", vdb.namespace(), name, e);
        }
    }

    private void apply(String namespace, io.fabric8.kubernetes.api.model.HasMetadata object) {
        client.get().resource(object).inNamespace(namespace).createOr(NonDeletingOperation::update);
    }

    /**
     * A Service is made once and then only edited: a replacement would drop the cluster IP the API server gave it,
     * which it refuses (and applications would lose the address).
     */
    private void applyService(String namespace, Service service) {
        Service current = client.get().services().inNamespace(namespace).withName(service.getMetadata().getName())
                .get();
        if (current == null) {
            client.get().services().inNamespace(namespace).resource(service).create();
            return;
        }
        current.getMetadata().setLabels(service.getMetadata().getLabels());
        current.getSpec().setSelector(service.getSpec().getSelector());
        current.getSpec().setPorts(service.getSpec().getPorts());
        client.get().services().inNamespace(namespace).resource(current).update();
    }

    /** Scales the engine's StatefulSet to one pod (start) or none (stop); nothing for plain files. */
    public void scale(String namespace, String vdbName, int replicas) {
        try {
            EngineStatefulSets.scale(client.get(), namespace, nameOf(vdbName), replicas);
        } catch (KubernetesClientException e) {
            throw refused("scale", namespace, nameOf(vdbName), e);
        }
    }

    /** How many of the engine's pods are ready: 0 or 1. */
    public int readyPods(String namespace, String vdbName) {
        return EngineStatefulSets.readyPods(client.get(), namespace, nameOf(vdbName));
    }

    /** Deletes the StatefulSet, the Service and the Secret, those that exist. */
    public void delete(String namespace, String vdbName) {
        String name = nameOf(vdbName);
        try {
            client.get().apps().statefulSets().inNamespace(namespace).withName(name).delete();
            client.get().services().inNamespace(namespace).withName(name).delete();
            client.get().secrets().inNamespace(namespace).withName(secretOf(vdbName)).delete();
        } catch (KubernetesClientException e) {
            throw refused("delete", namespace, name, e);
        }
    }

    /**
     * Runs the engine's flush command in its pod, so that a snapshot of the clone holds every commit.
     *
     * @throws UserError when the pod is not ready or the command fails
     */
    public void flush(String namespace, String vdbName, EnginePod engine) {
        if (engine == null) {
            return;
        }
        String pod = nameOf(vdbName) + "-0";
        if (readyPods(namespace, vdbName) == 0) {
            throw new UserError("Pod " + namespace + "/" + pod + " of " + vdbName + " is not ready, so its engine "
                    + "cannot make its commits durable before the snapshot.",
                    "Wait until the pod is ready, or stop "
                            + "the virtual database and snapshot it stopped.");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ExecWatch exec = client.get().pods().inNamespace(namespace).withName(pod)
                .inContainer(EngineStatefulSets.ENGINE_CONTAINER)
                .writingOutput(output).writingError(output).exec(engine.flush().toArray(String[]::new))) {
            Integer exit = exec.exitCode().get(2, TimeUnit.MINUTES);
            if (exit == null || exit != 0) {
                throw new UserError("The engine of " + vdbName + " in pod " + namespace + "/" + pod + " could not "
                        + "make its commits durable (exit " + exit + ").", "See the pod's log.",
                        output.toString(
                                StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while " + vdbName + "'s engine made its commits durable.", "Retry.");
        } catch (ExecutionException | TimeoutException | KubernetesClientException e) {
            throw new UserError("Could not run a command in pod " + namespace + "/" + pod + ": " + e.getMessage()
                    + ".", "Grant Strata's account create on pods/exec in " + namespace + ", and check the pod runs.");
        }
    }

    /**
     * What a credentials Secret holds, under the keys applications read: host, port, database (when there is one),
     * username and password.
     */
    public static Map<String, String> credentials(String host, int port, String database, String user,
            String password) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("host", host);
        data.put("port", String.valueOf(port));
        if (database != null) {
            data.put("database", database);
        }
        if (user != null) {
            data.put("username", user);
        }
        data.put("password", password);
        return data;
    }

    private static Secret secret(PodVdb vdb) {
        Map<String, String> data = credentials(hostOf(vdb.name(), vdb.namespace()), vdb.servicePort(), vdb
                .database(), vdb.user(), vdb.password());
        return new SecretBuilder().withNewMetadata().withName(secretOf(vdb.name())).withNamespace(vdb.namespace())
                .withLabels(labels(vdb)).endMetadata().withType("Opaque").withStringData(data).build();
    }

    private static Service service(PodVdb vdb) {
        return new ServiceBuilder().withNewMetadata().withName(nameOf(vdb.name())).withNamespace(vdb.namespace())
                .withLabels(labels(vdb)).endMetadata().withNewSpec().withType("ClusterIP").withSelector(Map.of(
                        VDB_LABEL, vdb.vdbId()))
                .addNewPort().withName(ENGINE).withPort(vdb.servicePort())
                .withNewTargetPort(vdb.engine().port()).withProtocol("TCP").endPort().endSpec().build();
    }

    private static EngineStatefulSets.Workload workload(PodVdb vdb, long uid) {
        List<EnvVar> env = List.of(new EnvVarBuilder().withName("STRATA_USER").withValue(vdb.user() == null
                ? ""
                : vdb.user()).build(), new EnvVarBuilder().withName("STRATA_PASSWORD").withNewValueFrom()
                        .withNewSecretKeyRef("password", secretOf(vdb.name()), false).endValueFrom().build());
        return new EngineStatefulSets.Workload(nameOf(vdb.name()), vdb.namespace(), labels(vdb), Map.of(VDB_LABEL,
                vdb.vdbId()), vdb.claim(), vdb.engine(), uid, env, false);
    }

    private static Map<String, String> labels(PodVdb vdb) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KubernetesVolumes.MANAGED_BY, "strata");
        labels.put(VDB_LABEL, vdb.vdbId());
        labels.put("app.kubernetes.io/name", vdb.engine() == null ? "files" : ENGINE);
        labels.put("app.kubernetes.io/instance", nameOf(vdb.name()));
        return labels;
    }

    private static UserError refused(String what, String namespace, String name, KubernetesClientException e) {
        return new UserError("Could not " + what + " the objects of virtual database " + name + " in namespace "
                + namespace + ": " + e.getMessage() + ".",
                "Grant Strata's account get, create, update, patch and "
                        + "delete on statefulsets, services and secrets in " + namespace + ".");
    }
}
