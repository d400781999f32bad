package io.strata.ingest;

import static io.strata.testing.Api.given;
import static io.strata.testing.KubernetesExec.exit;
import static io.strata.testing.KubernetesExec.frame;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.strata.testing.KubernetesExec;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;

/**
 * Registering a Kubernetes environment (a container in a pod, reached through the API server's exec) against
 * fabric8's mock API server: the pod is checked and asked for its user before anything is saved; a missing pod, an
 * unknown container, a pod that does not run and credentials given by mistake are refused naming the field.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
@WithKubernetesTestServer(crud = true)
class KubernetesEnvironmentTest {

    @KubernetesTestServer
    KubernetesServer kubernetes;

    @BeforeEach
    void pods() {
        KubernetesClient client = kubernetes.getClient();
        for (String phase : List.of("Running", "Pending")) {
            String name = "Running".equals(phase) ? "pg-0" : "pg-1";
            if (client.pods().inNamespace("shop").withName(name).get() == null) {
                client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata()
                        .withName(name).endMetadata().withNewSpec().addNewContainer().withName("postgres")
                        .endContainer().endSpec().withNewStatus().withPhase(phase).withPodIP("10.0.0.7").endStatus()
                        .build()).create();
            }
        }
    }

    private static Map<String, Object> pod(String name, String pod, String container) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "kind", "kubernetes", "namespace", "shop",
                "pod", pod));
        if (container != null) {
            body.put("container", container);
        }
        return body;
    }

    @Test
    void aRunningPodIsRegisteredWithItsContainerAndUser() {
        KubernetesExec.expect(kubernetes.getKubernetesMockServer(), "shop", "pg-0", "postgres", List.of("id", "-un"),
                frame(10, 1, "postgres\n"), exit(20, 0));
        String id = given().contentType("application/json").body(pod("k8s-pg", "pg-0", null)).post(
                "/api/v1/environments").then().statusCode(201).body("kind", equalTo("kubernetes")).body("namespace",
                        equalTo("shop"))
                .body("pod", equalTo("pg-0")).body("container", equalTo("postgres")).body("user", equalTo(
                        "postgres"))
                .body("credential", nullValue()).extract().path("id");
        given().get("/api/v1/environments/" + id).then().statusCode(200).body("pod", equalTo("pg-0"));
        // As a staging environment it stands for a staging pod of its own in its namespace, which the files
        // engine cannot have.
        given().contentType("application/json").body(Map.of("name", "on-k8s", "engine", "files", "environment",
                "local", "path", System.getProperty("java.io.tmpdir"), "staging", Map.of("environment", id))).post(
                        "/api/v1/sources")
                .then().statusCode(400).body("field", equalTo("staging.kubernetes")).body("detail",
                        containsString("files engine cannot keep its staging copy in a pod"));
        given().delete("/api/v1/environments/" + id).then().statusCode(204);
    }

    @Test
    void aMissingPodAnUnknownContainerOrAPodThatDoesNotRunIsRefused() {
        given().contentType("application/json").body(pod("k8s-a", "pg-9", null)).post("/api/v1/environments").then()
                .statusCode(400).body("field", equalTo("pod")).body("detail", containsString(
                        "There is no pod pg-9 in namespace shop"));
        given().contentType("application/json").body(pod("k8s-b", "pg-0", "mysql")).post("/api/v1/environments")
                .then().statusCode(400).body("field", equalTo("container")).body("detail", containsString(
                        "it has postgres"));
        given().contentType("application/json").body(pod("k8s-c", "pg-1", null)).post("/api/v1/environments").then()
                .statusCode(400).body("field", equalTo("pod")).body("detail", containsString("not running"));
        given().contentType("application/json").body(pod("k8s-d", "Bad_Name", null)).post("/api/v1/environments")
                .then().statusCode(400).body("field", equalTo("pod")).body("detail", containsString(
                        "Kubernetes name"));
        Map<String, Object> withKey = pod("k8s-e", "pg-0", null);
        withKey.put("credentials", Map.of("password", "x"));
        given().contentType("application/json").body(withKey).post("/api/v1/environments").then().statusCode(400)
                .body("field", equalTo("credentials"));
        given().contentType("application/json").body(Map.of("name", "k8s-f", "kind", "kubernetes")).post(
                "/api/v1/environments").then().statusCode(400).body("field", equalTo("pod"));
    }
}
