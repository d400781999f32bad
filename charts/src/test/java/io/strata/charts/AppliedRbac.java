package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.testing.KubeApiServer;

/**
 * The chart's ServiceAccounts, Roles, ClusterRoles and bindings, rendered for a fresh namespace of a real API server
 * and created there, and what each account may do as the API server answers it ({@code kubectl auth can-i}).
 */
final class AppliedRbac {

    private static final Set<String> KINDS = Set.of("ServiceAccount", "Role", "RoleBinding", "ClusterRole",
            "ClusterRoleBinding");

    private final String namespace;
    private final String fullname;

    private AppliedRbac(String namespace, String fullname) {
        this.namespace = namespace;
        this.fullname = fullname;
    }

    /**
     * Renders the chart as a release of its own (so that its cluster-wide objects have names of their own) into a
     * fresh namespace, creates that namespace and {@code otherNamespaces}, and creates the rendered accounts and RBAC.
     */
    static AppliedRbac apply(Map<String, ?> values, String... otherNamespaces) {
        String release = "r" + UUID.randomUUID().toString().substring(0, 8);
        String namespace = "rbac-" + release;
        KubernetesClient admin = Cluster.admin();
        List<String> namespaces = new ArrayList<>(List.of(otherNamespaces));
        namespaces.add(namespace);
        for (String name : namespaces) {
            if (admin.namespaces().withName(name).get() == null) {
                admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                        .build()).create();
            }
        }
        for (HasMetadata object : Chart.objects(Chart.render(release, namespace, values))) {
            if (KINDS.contains(object.getKind())) {
                admin.resource(object).create();
            }
        }
        return new AppliedRbac(namespace, release + "-strata");
    }

    /** The release's namespace. */
    String namespace() {
        return namespace;
    }

    /** A new client acting as a component's ServiceAccount; close it when done. */
    KubernetesClient as(String component) {
        return account(fullname + "-" + component);
    }

    /** A new client acting as a ServiceAccount of the namespace, made if missing (with no rules); close it. */
    KubernetesClient account(String name) {
        KubeApiServer kube = Cluster.kube();
        return kube.client(kube.serviceAccountKubeconfig(namespace, name));
    }

    /**
     * Asserts what an account may and may not do in a namespace ({@code null}: cluster-wide), each access written as
     * {@code "verb resource[.group][/subresource]"}, e.g. {@code "patch virtualdatabases.strata.io/status"}. RBAC
     * changes reach the authorizer within moments, hence the wait.
     */
    static void assertMay(KubernetesClient account, String namespace, boolean allowed, String... accesses) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String access : accesses) {
                assertThat(allowed(account, namespace, access)).as("%s in %s", access, namespace == null
                        ? "the cluster"
                        : "namespace " + namespace).isEqualTo(allowed);
            }
        });
    }

    private static boolean allowed(KubernetesClient account, String namespace, String access) {
        String[] words = access.split(" ");
        String[] resource = words[1].split("/", 2);
        int dot = resource[0].indexOf('.');
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withNewResourceAttributes().withVerb(words[0]).withNamespace(namespace)
                .withResource(dot < 0 ? resource[0] : resource[0].substring(0, dot))
                .withGroup(dot < 0 ? "" : resource[0].substring(dot + 1))
                .withSubresource(resource.length > 1 ? resource[1] : null).endResourceAttributes().endSpec().build();
        return account.authorization().v1().selfSubjectAccessReview().create(review).getStatus().getAllowed();
    }
}
