package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The plain manifests in {@code deploy/kubernetes} are the chart's rendering with its defaults, hold no key material,
 * and {@code kubectl apply -f deploy/kubernetes -R} creates everything on a real API server.
 */
class ManifestsTest {

    @Test
    void theCommittedManifestsAreAFreshRenderingOfTheChart() throws IOException {
        Map<String, String> fresh = Manifests.render();

        assertThat(Manifests.numberedFiles(Manifests.DIR)).extracting(file -> file.getFileName().toString())
                .as("the numbered files of deploy/kubernetes: run make manifests").containsExactlyElementsOf(fresh
                        .keySet());
        fresh.forEach((file, text) -> assertThat(read(Manifests.DIR.resolve(file))).as(
                "deploy/kubernetes/%s differs from the chart's rendering: run make manifests", file).isEqualTo(text));
    }

    @Test
    void theManifestsHoldNoSecretAndEveryObjectFitsItsModel() {
        ModelCheck check = ModelCheck.load();
        List<HasMetadata> objects = Manifests.render().values().stream().flatMap(text -> Chart.objects(text)
                .stream()).toList();

        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Secret").contains("Namespace",
                "StatefulSet", "Deployment", "Ingress");
        assertThat(objects).flatExtracting(check::unknownFields).isEmpty();
    }

    @Test
    void kubectlAppliesTheDirectoryInOrder() {
        String output = Cluster.kube().kubectl("apply", "-R", "-f", Manifests.DIR.toString());

        assertThat(output).contains("namespace/strata created", "customresourcedefinition.apiextensions.k8s.io/"
                + "virtualdatabases.strata.io", "statefulset.apps/strata-storage-node created",
                "deployment.apps/strata-provisioning created", "ingress.networking.k8s.io/strata created");
        KubernetesClient admin = Cluster.admin();
        assertThat(admin.apps().deployments().inNamespace(Manifests.NAMESPACE).list().getItems()).hasSize(5);
        assertThat(admin.rbac().clusterRoleBindings().withName("strata-provisioning-cluster").get().getSubjects())
                .singleElement().satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo(
                        Manifests.NAMESPACE));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(file + " is missing: run make manifests", e);
        }
    }
}
