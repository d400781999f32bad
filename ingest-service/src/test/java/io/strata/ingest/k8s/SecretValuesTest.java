package io.strata.ingest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.SecretKeyRef;
import io.strata.operator.SecretValues;

/**
 * The credentials a spec names by Secret reference, as the ingest operator reads them: the value of the key, and for
 * a missing Secret or key a 404 that names the spec field and says what to make, without showing any value.
 */
class SecretValuesTest {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(
                responses), false);
        server.init();
        client = server.createClient();
        client.secrets().inNamespace("qa").resource(new SecretBuilder().withNewMetadata().withName("clinic-source")
                .endMetadata().addToStringData("password", "s3cret").build()).create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void theValueOfTheKeyIsRead() {
        assertThat(SecretValues.read(client, "qa", new SecretKeyRef("clinic-source", "password"),
                "connection.passwordSecret")).isEqualTo("s3cret");
        assertThat(SecretValues.read(client, "qa", null, "connection.passwordSecret")).isNull();
    }

    @Test
    void aMissingSecretOrKeyIsNotFoundNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> SecretValues.read(client, "qa", new SecretKeyRef("other", "password"),
                "connection.passwordSecret")).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.field()).isEqualTo("connection.passwordSecret");
                    assertThat(e.getMessage()).contains("no Secret other in namespace qa");
                });
        assertThatThrownBy(() -> SecretValues.read(client, "qa", new SecretKeyRef("clinic-source", "pw"),
                "connection.passwordSecret")).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getMessage()).contains("has no key pw").doesNotContain("s3cret");
                });
        assertThatThrownBy(() -> SecretValues.read(client, "elsewhere", new SecretKeyRef("clinic-source",
                "password"), "connection.passwordSecret")).isInstanceOf(ApiException.class);
    }
}
