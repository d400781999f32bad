package io.strata.hosts;

import static io.strata.testing.KubernetesExec.exit;
import static io.strata.testing.KubernetesExec.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.testing.KubernetesExec;

/**
 * Commands in a Kubernetes pod through the API server's exec, against fabric8's mock API server (no cluster can
 * run here): the pod is checked before it is used, the exec request carries the right command and container, output
 * and exit codes come back, secrets stay out of the request, and a command that does not end times out.
 */
class KubernetesPodTest {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        // CRUD for the pods, expectations for the exec sessions: the way the mock server's own JUnit extension builds it.
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(
                responses), false);
        server.init();
        client = server.createClient();
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("db-0").endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("postgres:16").endContainer()
                .addNewContainer().withName("exporter").withImage("exporter").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.1.2.3").endStatus().build()).create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void expectExec(String container, List<String> command, WebSocketMessage... frames) {
        KubernetesExec.expect(server, "shop", "db-0", container, command, frames);
    }

    @Test
    void aRunningPodIsProbedForItsFirstContainerAndUser() {
        expectExec("postgres", List.of("id", "-un"), frame(10, 1, "postgres\n"), exit(20, 0));
        KubernetesPod pod = KubernetesPod.probe(client, "shop", "db-0", null);
        assertThat(pod.container()).isEqualTo("postgres");
        assertThat(pod.user()).isEqualTo("postgres");
        assertThat(pod.describe()).isEqualTo("pod shop/db-0 (container postgres)");
        assertThat(pod.address()).isEqualTo("10.1.2.3");
    }

    @Test
    void outputExitCodesAndStreamedStderrComeBack() {
        expectExec("exporter", List.of("sh", "-c", "echo out; echo one >&2; exit 3"),
                frame(10, 1, "out\n"), frame(20, 2, "one\ntwo\n"), exit(30, 3));
        KubernetesPod pod = new KubernetesPod(client, "shop", "db-0", "exporter", "root");
        List<String> lines = new ArrayList<>();
        HostConnection.Result result = pod.run(List.of("sh", "-c", "echo out; echo one >&2; exit 3"), Map.of(), null,
                Duration.ofSeconds(20), lines::add);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("one\ntwo\n");
        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void secretsTravelOnStandardInputNotInTheRequest() throws Exception {
        List<String> command = List.of("sh", "-c", "IFS= read -r PGPASSWORD; export PGPASSWORD; exec \"$@\"", "sh",
                "psql", "-c", "select 1");
        // The session answers only once the secret has arrived on stdin (channel 0): any other frame fails it.
        server.expect().get().withPath(KubernetesExec.path("shop", "db-0", "postgres", command, true))
                .andUpgradeToWebSocket().open().expect(
                        "\u0000s3cret-pw\n")
                .andEmit(frame(0, 1, "1\n")).once().waitFor(500).andEmit(exit(500, 0)).done()
                .once();
        KubernetesPod pod = new KubernetesPod(client, "shop", "db-0", "postgres", "postgres");
        HostConnection.Result result = pod.run(List.of("psql", "-c", "select 1"), Map.of("PGPASSWORD",
                "s3cret-pw"), null, Duration.ofSeconds(20));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("1\n");
        List<String> paths = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            paths.add(request.getPath());
        }
        assertThat(paths).anyMatch(path -> path.contains("/exec?") && path.contains("stdin=true"));
        assertThat(paths).noneMatch(path -> path.contains("s3cret"));
    }

    @Test
    void aMissingPodOrContainerIsNamed() {
        assertThatThrownBy(() -> KubernetesPod.probe(client, "shop", "db-9", null)).isInstanceOf(UserError.class)
                .hasMessage("There is no pod db-9 in namespace shop.");
        assertThatThrownBy(() -> KubernetesPod.probe(client, "shop", "db-0", "mysql")).isInstanceOf(
                UserError.class).hasMessage("Pod shop/db-0 has no container mysql; it has postgres, exporter.");
    }

    @Test
    void aPodThatIsNotRunningIsRefused() {
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("db-1").endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").endContainer().endSpec().withNewStatus()
                .withPhase("Pending").endStatus().build()).create();
        assertThatThrownBy(() -> KubernetesPod.probe(client, "shop", "db-1", null)).isInstanceOf(UserError.class)
                .hasMessage("Pod shop/db-1 is not running (phase Pending).");
    }

    @Test
    void aCommandThatDoesNotEndTimesOut() {
        expectExec("postgres", List.of("sleep", "600"), frame(10, 1, "started\n"), exit(60_000, 0));
        KubernetesPod pod = new KubernetesPod(client, "shop", "db-0", "postgres", "postgres");
        assertThatThrownBy(() -> pod.run(List.of("sleep", "600"), Map.of(), null, Duration.ofSeconds(1)))
                .isInstanceOf(UserError.class).hasMessage("sleep did not finish within 1 s in pod shop/db-0 "
                        + "(container postgres).");
    }
}
