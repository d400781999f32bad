package io.strata.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strata.testing.KubeApiServer;

/**
 * The real API server that Strata's Kubernetes features are tested against: a custom resource definition with a
 * schema refuses what breaks it and names the field, stores what fits, and gives {@code kubectl explain} its field
 * descriptions; RBAC keeps a ServiceAccount or a user out until a Role is bound to it.
 */
class KubeApiServerIT {

    private static final String CRD = "probes.probe.strata.io";

    private static KubeApiServer kube;
    private static KubernetesClient admin;
    private static ResourceDefinitionContext probes;

    @BeforeAll
    static void defineProbes() throws Exception {
        kube = KubeApiServer.shared();
        admin = kube.client();
        CustomResourceDefinition crd;
        try (InputStream yaml = KubeApiServerIT.class.getResourceAsStream("/kube/probe-crd.yaml")) {
            crd = admin.apiextensions().v1().customResourceDefinitions().load(yaml).item();
        }
        admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.apiextensions().v1().customResourceDefinitions()
                .withName(CRD).get().getStatus().getConditions().stream()
                .anyMatch(condition -> "Established".equals(condition.getType())
                        && "True".equals(condition.getStatus())));
        probes = new ResourceDefinitionContext.Builder().withGroup("probe.strata.io").withVersion("v1")
                .withKind("Probe").withPlural("probes").withNamespaced(true).build();
    }

    @AfterAll
    static void closeClient() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void anObjectThatBreaksTheSchemaIsRefusedWithTheFieldNamed() {
        String namespace = freshNamespace();

        assertThatThrownBy(() -> admin.genericKubernetesResources(probes).inNamespace(namespace)
                .resource(probe("privileged", 80)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(422);
                    assertThat(refused.getMessage()).contains("spec.port").contains("1024");
                });
        assertThat(admin.genericKubernetesResources(probes).inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void aValidObjectIsStoredAndReadBack() {
        String namespace = freshNamespace();

        admin.genericKubernetesResources(probes).inNamespace(namespace).resource(probe("web", 8443)).create();

        GenericKubernetesResource stored = admin.genericKubernetesResources(probes).inNamespace(namespace)
                .withName("web").get();
        assertThat(stored.getKind()).isEqualTo("Probe");
        assertThat(stored.getMetadata().getUid()).isNotBlank();
        assertThat(stored.<Integer>get("spec", "port")).isEqualTo(8443);
        assertThat(kube.kubectl("get", "probes", "-n", namespace, "-o", "name")).contains("probe.probe.strata.io/web");
    }

    @Test
    void kubectlExplainShowsTheFieldDescriptions() {
        // The server publishes a new definition's schema to its OpenAPI document shortly after it is established.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(kube.kubectl(
                "explain", "probe.spec"))
                .contains("What the probe checks.")
                .contains("port")
                .contains("The TCP port the probe connects to; ports below 1024 are refused."));
    }

    @Test
    void aServiceAccountMayListProbesOnlyOnceARoleIsBoundToIt() {
        String namespace = freshNamespace();
        admin.genericKubernetesResources(probes).inNamespace(namespace).resource(probe("web", 8443)).create();
        Path kubeconfig = kube.serviceAccountKubeconfig(namespace, "reader");

        try (KubernetesClient reader = kube.client(kubeconfig)) {
            assertThatThrownBy(() -> reader.genericKubernetesResources(probes).inNamespace(namespace).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, refused -> {
                        assertThat(refused.getCode()).isEqualTo(403);
                        assertThat(refused.getMessage()).contains("system:serviceaccount:" + namespace + ":reader")
                                .contains("cannot list resource \"probes\"");
                    });
            assertThatThrownBy(() -> kube.kubectl(kubeconfig, "get", "probes")).hasMessageContaining(
                    "Error from server (Forbidden)");

            bindProbeReader(namespace, "ServiceAccount", "reader");

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(reader
                    .genericKubernetesResources(probes).inNamespace(namespace).list().getItems())
                    .extracting(item -> item.getMetadata().getName()).containsExactly("web"));
            assertThat(kube.kubectl(kubeconfig, "get", "probes", "-o", "name")).contains("probe.probe.strata.io/web");
            assertThatThrownBy(() -> reader.genericKubernetesResources(probes).inNamespace(namespace)
                    .withName("web").delete()).isInstanceOfSatisfying(KubernetesClientException.class,
                            refused -> assertThat(refused.getCode()).isEqualTo(403));
        }
    }

    @Test
    void aUserCertificateActsAsItsUserAndItsGroups() {
        String namespace = freshNamespace();
        Path kubeconfig = kube.userKubeconfig("qa", "strata-qa");

        try (KubernetesClient qa = kube.client(kubeconfig)) {
            assertThatThrownBy(() -> qa.genericKubernetesResources(probes).inNamespace(namespace).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, refused -> {
                        assertThat(refused.getCode()).isEqualTo(403);
                        assertThat(refused.getMessage()).contains("User \"qa\"");
                    });

            bindProbeReader(namespace, "Group", "strata-qa");

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(qa
                    .genericKubernetesResources(probes).inNamespace(namespace).list().getItems()).isEmpty());
        }
    }

    /** A Role that may read probes in the namespace, bound to one subject. */
    private static void bindProbeReader(String namespace, String subjectKind, String subjectName) {
        admin.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata()
                .withName("probe-reader").endMetadata().addNewRule().withApiGroups("probe.strata.io")
                .withResources("probes").withVerbs("get", "list", "watch").endRule().build()).create();
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata()
                .withName("probe-reader").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role").withName("probe-reader").endRoleRef().addNewSubject().withKind(subjectKind)
                .withName(subjectName).withNamespace("ServiceAccount".equals(subjectKind) ? namespace : null)
                .withApiGroup("ServiceAccount".equals(subjectKind) ? null : "rbac.authorization.k8s.io")
                .endSubject().build()).create();
    }

    private static String freshNamespace() {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }

    private static GenericKubernetesResource probe(String name, int port) {
        return new GenericKubernetesResourceBuilder().withApiVersion("probe.strata.io/v1").withKind("Probe")
                .withNewMetadata().withName(name).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("port", port))).build();
    }
}
