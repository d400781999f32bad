package io.strata.provisioning;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.AttachFailed;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.provisioning.DetachRequested;
import io.strata.contracts.storage.ExportCreated;
import io.strata.contracts.storage.ExportRequested;
import io.strata.hosts.HostConnections;
import io.strata.provisioning.attach.AttachmentService;
import io.strata.testing.SshServer;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;
import io.strata.testing.TopicClient;

/** Attachments: a local path on the storage host; an NFS export mounted over SSH on another host. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class AttachmentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    @Inject
    SecretStore secrets;

    private void send(String service, Event event) {
        StrataTestEnvironment.publish(codec, service, event);
    }

    private TopicClient answers() {
        return new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics.events(StrataTestEnvironment
                .topicPrefix(), Topics.PROVISIONING));
    }

    private static EnvironmentRef local() {
        return new EnvironmentRef("local", EnvironmentKind.LOCAL, null, 0, "root", null, null);
    }

    @Test
    void aVolumeOnTheStorageHostIsAttachedAtItsOwnPath() throws Exception {
        Path volume = Files.createTempDirectory("volume");
        String request = "r-" + UUID.randomUUID();
        try (TopicClient answers = answers()) {
            send(Topics.INGEST, new AttachRequested(request, "vol-1", volume.toString(), local(), null, "staging"));
            EventEnvelope answer = answers.awaitEnvelope(e -> request.equals(e.data().path("requestId").asText()),
                    PATIENCE);
            assertThat(codec.payload(answer, AttachmentReady.class).path()).isEqualTo(volume.toString());
            given().queryParam("volume", "vol-1").get("/api/v1/attachments").then().statusCode(200)
                    .body("[0].state", equalTo("ATTACHED")).body("[0].kind", equalTo("LOCAL"));

            String detach = "d-" + UUID.randomUUID();
            send(Topics.INGEST, new DetachRequested(detach, "vol-1"));
            assertThat(answers.awaitEnvelope(e -> detach.equals(e.data().path("requestId").asText()), PATIENCE)
                    .type()).isEqualTo("Detached");
            given().queryParam("volume", "vol-1").get("/api/v1/attachments").then().body("[0].state", equalTo(
                    "DETACHED"));
        }
    }

    @Test
    void aMissingLocalPathFails() {
        String request = "r-" + UUID.randomUUID();
        try (TopicClient answers = answers()) {
            send(Topics.INGEST, new AttachRequested(request, "vol-2", "/nonexistent/vol-2", local(), null, "x"));
            EventEnvelope answer = answers.awaitEnvelope(e -> request.equals(e.data().path("requestId").asText()),
                    PATIENCE);
            assertThat(codec.payload(answer, AttachFailed.class).reason()).contains("/nonexistent/vol-2");
        }
    }

    @Test
    void onAnSshHostTheExportIsMountedAndAFailedMountRemovesIt() throws Exception {
        try (SshServer sshd = SshServer.start(); TopicClient answers = answers()) {
            secrets.put("env-ssh-test", Map.of(HostConnections.PRIVATE_KEY, sshd.privateKey()));
            EnvironmentRef target = new EnvironmentRef("env-ssh-test", EnvironmentKind.SSH, "127.0.0.1", sshd.port(),
                    "root", sshd
                            .hostKey(),
                    "env-ssh-test");
            String request = "r-" + UUID.randomUUID();
            Path mountPoint = Path.of("/tmp/strata-mnt-" + UUID.randomUUID());
            send(Topics.INGEST, new AttachRequested(request, "vol-3", "/pool/volumes/vol-3", target, mountPoint
                    .toString(), "vdb"));

            // Acting as the snapshot service: the export is asked for, and granted.
            EventEnvelope exportRequest = answers.awaitEnvelope(e -> e.type().equals("ExportRequested"), PATIENCE);
            ExportRequested asked = codec.payload(exportRequest, ExportRequested.class);
            assertThat(asked.volumeId()).isEqualTo("vol-3");
            assertThat(asked.clients()).containsExactly("127.0.0.1");
            ExportCreated granted = new ExportCreated(asked.requestId(), "vol-3", "127.0.0.1", 12049, "/strata/vol-3",
                    List.of("127.0.0.1"));
            send(Topics.SNAPSHOT, granted);

            // This machine's kernel has no NFS client, so the mount fails for real, and the export is given back.
            EventEnvelope answer = answers.awaitEnvelope(e -> request.equals(e.data().path("requestId").asText())
                    && e.type().equals("AttachFailed"), PATIENCE);
            assertThat(codec.payload(answer, AttachFailed.class).reason()).contains("Could not mount the NFS export "
                    + "127.0.0.1:/strata/vol-3 on root@127.0.0.1:" + sshd.port()).contains("NFSv4 client");
            answers.awaitEnvelope(e -> e.type().equals("UnexportRequested") && "vol-3".equals(e.subject()),
                    PATIENCE);
            assertThat(AttachmentService.mountCommand(granted, "/mnt/x")).containsExactly("sh", "-c",
                    "mkdir -p \"$1\" && mount -t nfs4 -o vers=4.1,port=12049,hard,timeo=600 \"$2\" \"$1\"", "sh",
                    "/mnt/x", "127.0.0.1:/strata/vol-3");
            Files.deleteIfExists(mountPoint);
        }
    }
}
