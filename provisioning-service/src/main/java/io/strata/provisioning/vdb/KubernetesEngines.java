package io.strata.provisioning.vdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.engine.EnginePod;
import io.strata.provisioning.config.ProvisioningConfig;
import io.strata.provisioning.known.KnownSnapshot;
import io.strata.provisioning.pods.PodWorkloads;

/**
 * The engine of a virtual database on Kubernetes, run in a pod of its own ({@link PodWorkloads}) instead of on a host:
 * what {@link VdbWorker} does for it at each step. Its clone reaches the namespace as a claim (attachments make it),
 * the engine's plugin says how it runs in a pod, and starting or stopping it scales its StatefulSet.
 */
@ApplicationScoped
public class KubernetesEngines {

    @Inject
    VdbContexts contexts;

    @Inject
    PodWorkloads workloads;

    @Inject
    SecretStore secrets;

    @Inject
    ProvisioningConfig config;

    /** Whether the virtual database runs in a pod. */
    public boolean onKubernetes(Vdb vdb) {
        EnvironmentRef environment = contexts.environment(vdb.environmentId);
        return environment != null && environment.kind() == EnvironmentKind.KUBERNETES;
    }

    /** The namespace where the virtual databases of an environment run in pods, if they do. */
    public Optional<String> podNamespace(String environmentId) {
        EnvironmentRef environment = environmentId == null ? null : contexts.environment(environmentId);
        return environment != null && environment.kind() == EnvironmentKind.KUBERNETES
                ? Optional.of(environment.namespace())
                : Optional.empty();
    }

    /** The namespace of its objects. */
    public String namespace(Vdb vdb) {
        return contexts.environment(vdb.environmentId).namespace();
    }

    /**
     * Makes (or points at the claim {@code claim}) its Secret, Service and StatefulSet; the clone's directory on this
     * host, when known, tells which uid owns the files.
     */
    public void configure(Vdb vdb, String claim, String localClonePath) {
        workloads.apply(podVdb(vdb, claim, uid(localClonePath)));
    }

    /** After a failed refresh or rewind: the StatefulSet back on the claim it had, with its pod. */
    public void restart(Vdb vdb) {
        workloads.apply(podVdb(vdb, vdb.path, null));
    }

    /** Starts or stops the engine's pod. */
    public void scale(Vdb vdb, boolean running) {
        workloads.scale(namespace(vdb), vdb.name, running ? 1 : 0);
    }

    /** Makes its commits durable on the clone before a snapshot. */
    public void flush(Vdb vdb) {
        workloads.flush(namespace(vdb), vdb.name, engine(vdb));
    }

    /** Removes its StatefulSet, Service and Secret; the claim goes when the clone is detached. */
    public void remove(Vdb vdb) {
        workloads.delete(namespace(vdb), vdb.name);
    }

    /** How many of its pods are ready (0 or 1). */
    public int readyPods(Vdb vdb) {
        return workloads.readyPods(namespace(vdb), vdb.name);
    }

    private PodWorkloads.PodVdb podVdb(Vdb vdb, String claim, Long uid) {
        return new PodWorkloads.PodVdb(vdb.id, vdb.name, namespace(vdb), claim, vdb.port, vdb.databaseName,
                vdb.databaseUser, secrets.get(vdb.secretRef).get("password"), engine(vdb), uid);
    }

    /** How its engine runs in a pod, with the cluster's registry before the image; {@code null} for plain files. */
    EnginePod engine(Vdb vdb) {
        Map<String, String> metadata = QuarkusTransaction.requiringNew().call(() -> {
            KnownSnapshot snapshot = KnownSnapshot.findById(vdb.snapshotId);
            return snapshot == null || snapshot.metadata == null ? Map.<String, String>of() : snapshot.metadata;
        });
        EnginePod pod = contexts.plugin(vdb.engine).virtual().pod(vdb.name, vdb.parameters, metadata);
        if (pod == null || config.kubernetes().imageRegistry().isEmpty()) {
            return pod;
        }
        return new EnginePod(config.kubernetes().imageRegistry().get() + pod.image(), pod.init(), pod.command(), pod
                .port(), pod.readiness(), pod.flush());
    }

    /** The uid the engine runs as: the configured one, or the owner of the clone's directory here. */
    private Long uid(String localClonePath) {
        if (config.kubernetes().runAsUser().isPresent()) {
            return config.kubernetes().runAsUser().get();
        }
        if (localClonePath == null || !Files.isDirectory(Path.of(localClonePath))) {
            return null;
        }
        try {
            return ((Number) Files.getAttribute(Path.of(localClonePath), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
