package io.strata.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.kubernetes.v1alpha1.StrataStatus;
import io.strata.testing.KubeApiServer;
import io.strata.testing.ServiceProcess;

/**
 * Strata's resources in one namespace of a test's API server, as a user handles them: {@code kubectl apply} of YAML,
 * {@code kubectl wait} for a condition (showing the resource and the operator's log when it does not come), the
 * Ready condition as the status says it, and Secrets made the way a user makes them.
 */
final class KubeResources {

    private final KubeApiServer kube;
    private final KubernetesClient admin;
    private final String namespace;
    private final Path scratch;

    KubeResources(KubeApiServer kube, String namespace, Path scratch) {
        this.kube = kube;
        this.admin = kube.client();
        this.namespace = namespace;
        this.scratch = scratch;
    }

    /** The namespace's RBAC and accounts: the plain manifests' own, moved into this namespace. */
    void applyManifestRbac() {
        Path manifests = ServiceProcess.repositoryRoot().resolve("deploy/kubernetes");
        try {
            String rbac = Files.readString(manifests.resolve("10-rbac.yaml")).replace("namespace: strata\n",
                    "namespace: " + namespace + "\n");
            kube.kubectl("create", "namespace", namespace);
            apply(rbac);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl apply} of some YAML in the namespace; kubectl's answer. */
    String apply(String yaml) {
        try {
            Path file = Files.createTempFile(scratch, "resource", ".yaml");
            Files.writeString(file, yaml);
            return kube.kubectl("apply", "-n", namespace, "-f", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Secret of the namespace with one key, as {@code kubectl create secret generic} makes it. */
    void secret(String name, String key, String value) {
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().addToStringData(key, value).build()).create();
    }

    /** Gives a Secret's key a new value, as a rotation does; the Secret's new version ({@code uid/resourceVersion}). */
    String rotate(String name, String key, String value) {
        io.fabric8.kubernetes.api.model.Secret rotated = admin.secrets().inNamespace(namespace).withName(name).edit(
                secret -> new SecretBuilder(secret).withData(null).addToStringData(key, value).build());
        return rotated.getMetadata().getUid() + "/" + rotated.getMetadata().getResourceVersion();
    }

    /** Waits for a condition of {@code kind/name}; on a time-out, fails with the resource and the operator's log. */
    void awaitCondition(String kind, String name, String condition, ServiceProcess operator) {
        String resource = kind.toLowerCase(Locale.ROOT) + "/" + name;
        try {
            kube.kubectl("wait", "-n", namespace, "--for=condition=" + condition, resource, "--timeout=300s");
        } catch (IllegalStateException e) {
            throw new AssertionError(resource + " is not " + condition + ": " + kube.kubectl("get", "-n", namespace,
                    "-o", "yaml", resource) + "\n" + operator.logTail(), e);
        }
    }

    /** A resource of the namespace, or {@code null}. */
    <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> T get(Class<T> type, String name) {
        return admin.resources(type).inNamespace(namespace).withName(name).get();
    }

    /** A status's Ready condition, or {@code null} while it has none. */
    static Condition ready(StrataStatus status) {
        return status == null ? null : StatusConditions.find(status.getConditions(), StrataResources.READY);
    }

    /** {@code kubectl <args> -n namespace}. */
    String kubectl(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-n";
        all[args.length + 1] = namespace;
        return kube.kubectl(all);
    }

    /** Deletes the namespace's resources' namespace (what the test made in it goes with the API server). */
    void close() {
        admin.close();
    }
}
