package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The GitOps examples work as a team would use them: each kustomize overlay renders ({@code kubectl kustomize}) into
 * its namespace with its names, and the real API server accepts every rendered resource against the CRDs' schemas
 * ({@code kubectl apply --dry-run=server}); the Argo CD Application points at an overlay that exists.
 */
class GitOpsExamplesTest {

    private static final Path GITOPS = Chart.REPOSITORY.resolve("examples/kubernetes/gitops");

    private static List<HasMetadata> render(String overlay) {
        String yaml = Cluster.kube().kubectl("kustomize", GITOPS.resolve("overlays").resolve(overlay).toString());
        return Chart.objects(yaml.substring(yaml.indexOf("apiVersion:")));
    }

    private static void acceptedByTheServer(String overlay) throws Exception {
        KubernetesClient admin = Cluster.admin();
        Crds.install(admin);
        if (admin.namespaces().withName(overlay).get() == null) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(overlay).endMetadata()
                    .build()).create();
        }
        Path rendered = Files.createTempFile("overlay-" + overlay, ".yaml");
        try {
            String yaml = Cluster.kube().kubectl("kustomize", GITOPS.resolve("overlays").resolve(overlay).toString());
            Files.writeString(rendered, yaml.substring(yaml.indexOf("apiVersion:")));
            assertThat(Cluster.kube().kubectl("apply", "--dry-run=server", "-f", rendered.toString()))
                    .contains("virtualdatabase.strata.io/" + overlay + "-app-db created (server dry run)")
                    .contains("datapod.strata.io/" + overlay + "-app-pod created (server dry run)");
        } finally {
            Files.deleteIfExists(rendered);
        }
    }

    @Test
    void theQaOverlayProtectsItsPodInItsOwnNamespace() throws Exception {
        List<HasMetadata> objects = render("qa");

        assertThat(objects).extracting(object -> object.getMetadata().getNamespace() + "/" + object.getMetadata()
                .getName()).containsExactlyInAnyOrder("qa/qa-app-db", "qa/qa-app-pod");
        GenericKubernetesResource pod = (GenericKubernetesResource) objects.stream().filter(object -> "DataPod"
                .equals(object.getKind())).findFirst().orElseThrow();
        assertThat(pod.<Boolean>get("spec", "protected")).isTrue();
        assertThat(pod.<List<String>>get("spec", "owners")).containsExactly("qa-lead");
        acceptedByTheServer("qa");
    }

    @Test
    void theDevOverlayTakesAMaskedDatasetAndLetsItsPodExpire() throws Exception {
        List<HasMetadata> objects = render("dev");

        GenericKubernetesResource vdb = (GenericKubernetesResource) objects.stream().filter(object -> "VirtualDatabase"
                .equals(object.getKind())).findFirst().orElseThrow();
        assertThat(vdb.getMetadata().getNamespace()).isEqualTo("dev");
        assertThat(vdb.<String>get("spec", "from", "dataset")).isEqualTo("clinic-masked");
        GenericKubernetesResource pod = (GenericKubernetesResource) objects.stream().filter(object -> "DataPod"
                .equals(object.getKind())).findFirst().orElseThrow();
        assertThat(pod.<String>get("spec", "expiresAt")).isNotBlank();
        acceptedByTheServer("dev");
    }

    @Test
    void theArgoCdApplicationSyncsAnOverlayThatExists() {
        GenericKubernetesResource application = Chart.SERIALIZATION.unmarshal(Chart.read(
                "examples/kubernetes/gitops/argocd-application.yaml"), GenericKubernetesResource.class);

        assertThat(application.getKind()).isEqualTo("Application");
        String path = application.get("spec", "source", "path");
        assertThat(Chart.REPOSITORY.resolve(path).resolve("kustomization.yaml")).exists();
        assertThat(application.<Map<String, Object>>get("spec", "syncPolicy", "automated")).containsEntry("prune",
                true);
    }
}
