package io.strata.ingest;

import static io.strata.testing.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.contracts.storage.VolumeView;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;
import io.strata.testing.TopicClient;

/**
 * Disabling and enabling a source's staging copy run on the step machine like its other operations: each answers
 * 202 with a job, and is refused with a 409 while another operation runs on the source. The test links a file tree
 * on this host and plays the snapshot and provisioning services: it answers the volume, attachment and snapshot
 * requests itself, so that an operation waits exactly as long as the test wants.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class SourceStagingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private Path tree;
    private Path volume;
    private TopicClient ingestTopic;

    @BeforeEach
    void listen() throws IOException {
        tree = Files.createTempDirectory("tree");
        volume = Files.createTempDirectory("volume");
        Files.writeString(tree.resolve("report.txt"), "numbers");
        ingestTopic = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics.events(
                StrataTestEnvironment.topicPrefix(), Topics.INGEST));
    }

    @AfterEach
    void close() throws IOException {
        ingestTopic.close();
        for (Path directory : List.of(tree, volume)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void disableAndEnableAreJobsRefusedWhileAnotherOperationRuns() {
        JsonPath linking = given().contentType("application/json").body(Map.of("name", "reports", "engine", "files",
                "environment", "local", "path", tree.toString())).post("/api/v1/sources").then().statusCode(202)
                .extract().jsonPath();
        String id = linking.getString("id");
        String linkJob = linking.getString("jobId");
        CreateVolumeRequested volumeAsked = awaitRequest(CreateVolumeRequested.class, linkJob,
                CreateVolumeRequested::requestId);
        given().post("/api/v1/sources/" + id + "/disable").then().statusCode(409)
                .body("detail", containsString("has a link running"));
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new VolumeCreated(volumeAsked.requestId(),
                new VolumeView(volumeAsked.volumeId(), id, "READY", null, volume.toString(), 0L, 0L, null, Instant
                        .now(), null)));
        AttachRequested attach = awaitRequest(AttachRequested.class, linkJob, AttachRequested::requestId);
        StrataTestEnvironment.publish(codec, Topics.PROVISIONING, new AttachmentReady(attach.requestId(), "att-1",
                attach.volumeId(), "local", volume.toString()));
        answer(awaitRequest(SnapshotRequested.class, linkJob, SnapshotRequested::requestId), id);
        awaitJob(linkJob);

        String disabling = given().post("/api/v1/sources/" + id + "/disable").then().statusCode(202)
                .body("id", equalTo(id)).extract().path("jobId");
        awaitJob(disabling);
        given().get("/api/v1/sources/" + id).then().body("state", equalTo("DISABLED"));
        given().post("/api/v1/sources/" + id + "/sync").then().statusCode(409)
                .body("detail", containsString("enable it first"));
        given().post("/api/v1/sources/" + id + "/disable").then().statusCode(409)
                .body("detail", containsString("only an ACTIVE source can be disabled"));

        String enabling = given().post("/api/v1/sources/" + id + "/enable").then().statusCode(202)
                .body("id", equalTo(id)).extract().path("jobId");
        awaitJob(enabling);
        given().get("/api/v1/sources/" + id).then().body("state", equalTo("ACTIVE"));
        given().post("/api/v1/sources/" + id + "/enable").then().statusCode(409)
                .body("detail", containsString("only a DISABLED source can be enabled"));
        given().contentType("application/json").body(Map.of("connection", Map.of("password", "x")))
                .put("/api/v1/sources/" + id + "/credentials").then().statusCode(400).body("detail",
                        containsString("A files source has no credentials to change"));
        given().contentType("application/json").put("/api/v1/sources/" + id + "/credentials").then().statusCode(400)
                .body("detail", containsString("the source's new secret fields"));

        String syncing = given().post("/api/v1/sources/" + id + "/sync").then().statusCode(202).extract()
                .path("jobId");
        SnapshotRequested waiting = awaitRequest(SnapshotRequested.class, syncing, SnapshotRequested::requestId);
        given().post("/api/v1/sources/" + id + "/disable").then().statusCode(409)
                .body("detail", containsString("has a sync running"));
        answer(waiting, id);
        awaitJob(syncing);

        // The service's other test classes share its database: leave no source behind.
        awaitJob(given().delete("/api/v1/sources/" + id).then().statusCode(202).extract().path("jobId"));
        given().get("/api/v1/sources/" + id).then().statusCode(404);
    }

    /** The command of type {@code type} that the operation of {@code jobId} sent (its request id starts with it). */
    private <T extends Event> T awaitRequest(Class<T> type, String jobId, Function<T, String> requestId) {
        EventEnvelope envelope = ingestTopic.awaitEnvelope(e -> e.is(type) && requestId.apply(codec.payload(e, type))
                .startsWith(jobId), PATIENCE);
        return codec.payload(envelope, type);
    }

    private void answer(SnapshotRequested asked, String sourceId) {
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(asked.requestId(),
                new SnapshotView(asked.snapshotId(), sourceId, asked.volumeId(), null, Instant.now(), null, asked
                        .positionTime(), 10L, 1L, Map.of(), List.of(), List.of())));
    }

    private void awaitJob(String jobId) {
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/jobs/" + jobId).then().body("state",
                equalTo("SUCCEEDED")));
    }
}
