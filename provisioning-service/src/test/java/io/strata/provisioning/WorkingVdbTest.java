package io.strata.provisioning;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.DeleteWorkingVdbRequested;
import io.strata.contracts.provisioning.StopWorkingVdbRequested;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.provisioning.WorkingVdbFailed;
import io.strata.contracts.provisioning.WorkingVdbRequested;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;
import io.strata.testing.TopicClient;

/**
 * Working virtual databases on real PostgreSQL and Kafka, without an engine: the test plays the masking service that
 * asks for them and the snapshot service that answers the clone; what is checked is how the commands are answered,
 * that users neither see nor change them, and that the owner's delete leaves nothing.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class WorkingVdbTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void asMasking(io.strata.contracts.events.Event command) {
        StrataTestEnvironment.publish(codec, Topics.MASKING, command);
    }

    private static TopicClient provisioningEvents() {
        return new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics.events(StrataTestEnvironment
                .topicPrefix(), Topics.PROVISIONING));
    }

    @Test
    void aWorkingVdbWaitsForItsSnapshotIsHiddenFromUsersAndGoesOnItsOwnersDelete() {
        String id = "vdb-" + suffix();
        asMasking(new WorkingVdbRequested(id + "-provision", id, "mask-" + id, "snap-" + suffix(), "vol-" + suffix(),
                "md-" + suffix(), "postgres", "masking"));

        await().atMost(PATIENCE).until(() -> given().get("/api/v1/vdbs/" + id).then().extract().statusCode() == 200);
        given().get("/api/v1/vdbs/" + id).then().body("status", equalTo("PROVISIONING")).body("purpose", equalTo(
                "masking"));
        assertThat(given().get("/api/v1/vdbs").then().statusCode(200).extract().jsonPath().getList("id"))
                .doesNotContain(id);
        assertThat(given().queryParam("all", true).get("/api/v1/vdbs").then().statusCode(200).extract().jsonPath()
                .getList("id")).contains(id);
        for (String change : List.of("refresh", "rewind", "snapshot", "stop", "start")) {
            given().post("/api/v1/vdbs/" + id + "/" + change).then().statusCode(409);
        }
        given().delete("/api/v1/vdbs/" + id).then().statusCode(409);
        given().get("/api/v1/vdbs/" + id + "/credentials").then().statusCode(409);

        try (TopicClient events = provisioningEvents()) {
            asMasking(new StopWorkingVdbRequested(id + "-stop", id));
            EventEnvelope refused = events.awaitEnvelope(e -> e.is(WorkingVdbFailed.class) && (id + "-stop").equals(e
                    .data().path("requestId").asText()), PATIENCE);
            assertThat(refused.data().path("reason").asText()).contains("PROVISIONING");

            asMasking(new DeleteWorkingVdbRequested(id + "-delete", id));
            events.awaitEnvelope(e -> e.is(VdbDeleted.class) && id.equals(e.data().path("vdbId").asText()),
                    PATIENCE);
        }
        given().get("/api/v1/vdbs/" + id).then().statusCode(404);
    }

    @Test
    void aRefusedCloneIsTheOwnersRefusalAndADeleteAskedMeanwhileFollowsIt() {
        String id = "vdb-" + suffix();
        String snapshot = "snap-" + suffix();
        String volume = "vol-" + suffix();
        String dataset = "md-" + suffix();
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(null, new SnapshotView(snapshot,
                "src-" + suffix(), "vol-src", null, Instant.now(), null, null, null, null, Map.of("engine", "files"),
                List.of(), List.of())));
        try (TopicClient events = provisioningEvents()) {
            // Whether the service has heard of the snapshot by then or waits for it, the clone is asked for.
            asMasking(new WorkingVdbRequested(id + "-provision", id, "mask-" + id, snapshot, volume, dataset,
                    "postgres", "masking"));
            EventEnvelope clone = events.awaitEnvelope(e -> e.is(CloneRequested.class) && volume.equals(e.data().path(
                    "volumeId").asText()), PATIENCE);
            assertThat(clone.data().path("dataset").asText()).as("the clone is the owner's dataset's").isEqualTo(
                    dataset);
            assertThat(clone.data().path("snapshotId").asText()).isEqualTo(snapshot);

            // The owner gives up while the clone is still being made: the delete waits for the provision to end. The
            // answer to a stop asked after it (same key, so read after it) shows that the delete was read.
            asMasking(new DeleteWorkingVdbRequested(id + "-delete", id));
            asMasking(new StopWorkingVdbRequested(id + "-stop", id));
            events.awaitEnvelope(e -> e.is(WorkingVdbFailed.class) && (id + "-stop").equals(e.data().path(
                    "requestId").asText()), PATIENCE);
            given().get("/api/v1/vdbs/" + id).then().body("status", equalTo("PROVISIONING"));

            StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new StorageRequestFailed(clone.data().path(
                    "requestId").asText(), "CloneRequested", volume, 507, "The pool is too full."));
            EventEnvelope refused = events.awaitEnvelope(e -> e.is(WorkingVdbFailed.class) && (id + "-provision")
                    .equals(e.data().path("requestId").asText()), PATIENCE);
            assertThat(refused.data().path("reason").asText()).contains("too full");
            events.awaitEnvelope(e -> e.is(VdbDeleted.class) && id.equals(e.data().path("vdbId").asText()),
                    PATIENCE);
        }
        given().get("/api/v1/vdbs/" + id).then().statusCode(404);
    }
}
