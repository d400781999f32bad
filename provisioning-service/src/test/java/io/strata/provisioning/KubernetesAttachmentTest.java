package io.strata.provisioning;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.provisioning.DetachRequested;
import io.strata.contracts.storage.ExportCreated;
import io.strata.contracts.storage.ExportRequested;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;
import io.strata.testing.TopicClient;

/**
 * A volume attached to a Kubernetes environment, against fabric8's mock API server: it is exported to the nodes'
 * addresses, becomes a PersistentVolume with an {@code nfs:} source pre-bound to a claim in the environment's
 * namespace, and detaching deletes both and gives the export back.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
@WithKubernetesTestServer(crud = true)
class KubernetesAttachmentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @KubernetesTestServer
    KubernetesServer kubernetes;

    @Inject
    EventCodec codec;

    private void send(String service, Event event) {
        StrataTestEnvironment.publish(codec, service, event);
    }

    @Test
    void aVolumeBecomesAPersistentVolumeAndClaimOnTheNodesExport() {
        KubernetesClient client = kubernetes.getClient();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a").endMetadata().withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress("10.0.0.5").endAddress().addNewAddress()
                .withType("Hostname").withAddress("node-a").endAddress().endStatus().build()).create();
        EnvironmentRef cluster = new EnvironmentRef("env-k8s", EnvironmentKind.KUBERNETES, "pg-0", 0, "postgres", null,
                null,
                "shop", "pg-0", "postgres");
        String request = "r-" + UUID.randomUUID();
        try (TopicClient answers = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics.events(
                StrataTestEnvironment.topicPrefix(), Topics.PROVISIONING))) {
            send(Topics.INGEST, new AttachRequested(request, "vol-K8S_1", "/pool/volumes/vol-K8S_1", cluster, null,
                    "vdb"));

            // Acting as the snapshot service: the export is asked for the nodes, and granted.
            ExportRequested asked = codec.payload(answers.awaitEnvelope(e -> e.type().equals("ExportRequested"),
                    PATIENCE), ExportRequested.class);
            assertThat(asked.clients()).containsExactly("10.0.0.5");
            send(Topics.SNAPSHOT, new ExportCreated(asked.requestId(), "vol-K8S_1", "192.168.1.10", 12049,
                    "/strata/vol-K8S_1", List.of("10.0.0.5")));

            EventEnvelope ready = answers.awaitEnvelope(e -> request.equals(e.data().path("requestId").asText()),
                    PATIENCE);
            assertThat(ready.type()).isEqualTo("AttachmentReady");
            String claimName = codec.payload(ready, AttachmentReady.class).path();
            assertThat(claimName).isEqualTo("strata-vol-k8s-1");
            PersistentVolume volume = client.persistentVolumes().withName(claimName).get();
            assertThat(volume.getSpec().getNfs().getServer()).isEqualTo("192.168.1.10");
            assertThat(volume.getSpec().getNfs().getPath()).isEqualTo("/strata/vol-K8S_1");
            assertThat(volume.getSpec().getMountOptions()).contains("nfsvers=4.1", "port=12049");
            assertThat(volume.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
            assertThat(volume.getSpec().getClaimRef().getNamespace()).isEqualTo("shop");
            PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("shop").withName(claimName)
                    .get();
            assertThat(claim.getSpec().getVolumeName()).isEqualTo(claimName);
            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
            given().queryParam("volume", "vol-K8S_1").get("/api/v1/attachments").then().statusCode(200)
                    .body("[0].kind", equalTo("KUBERNETES")).body("[0].state", equalTo("ATTACHED"));

            String detach = "d-" + UUID.randomUUID();
            send(Topics.INGEST, new DetachRequested(detach, "vol-K8S_1"));
            answers.awaitEnvelope(e -> detach.equals(e.data().path("requestId").asText()), PATIENCE);
            answers.awaitEnvelope(e -> e.type().equals("UnexportRequested") && "vol-K8S_1".equals(e.subject()),
                    PATIENCE);
            await().atMost(PATIENCE).until(() -> client.persistentVolumeClaims().inNamespace("shop").withName(
                    claimName).get() == null && client.persistentVolumes().withName(claimName).get() == null);
        }
    }
}
