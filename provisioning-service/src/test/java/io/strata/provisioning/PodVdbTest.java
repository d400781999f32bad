package io.strata.provisioning;

import static io.strata.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.PodVdbCreateRequested;
import io.strata.contracts.provisioning.PodVdbDeleteRequested;
import io.strata.contracts.provisioning.PodVdbDone;
import io.strata.contracts.provisioning.PodVdbFailed;
import io.strata.contracts.provisioning.PodVdbMoveRequested;
import io.strata.contracts.provisioning.PodVdbSnapshotRequested;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.provisioning.known.KnownSnapshot;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;
import io.strata.testing.TopicClient;

/**
 * Data pods' virtual databases on real PostgreSQL and Kafka, without an engine: the test plays the catalog service
 * that sends the pod's commands and the snapshot service that announces snapshots and answers clones; what is checked
 * is how the commands are answered, that the owner sees the virtual database but changes it only through its pod, and
 * that nothing is made twice.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class PodVdbTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void asCatalog(Event command) {
        StrataTestEnvironment.publish(codec, Topics.CATALOG, command);
    }

    /** Announces a snapshot of {@code dataset}, as the snapshot service does, and waits until provisioning knows it. */
    private String announceSnapshot(String dataset) {
        String snapshot = "snap-" + suffix();
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(null, new SnapshotView(snapshot,
                dataset, "vol-" + suffix(), null, Instant.now(), null, null, null, null, Map.of("engine", "files"),
                List.of(), List.of())));
        await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(() -> KnownSnapshot.findById(
                snapshot) != null));
        return snapshot;
    }

    private static TopicClient provisioningEvents() {
        return new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics.events(StrataTestEnvironment
                .topicPrefix(), Topics.PROVISIONING));
    }

    private static EventEnvelope answer(TopicClient events, Class<? extends Event> type, String requestId) {
        return events.awaitEnvelope(e -> e.is(type) && requestId.equals(e.data().path("requestId").asText()),
                PATIENCE);
    }

    @Test
    void aCreateWaitsForItsSnapshotIsItsOwnersToSeeButChangedThroughItsPodOnly() {
        String owner = "qa-" + suffix();
        String pod = "pod-" + suffix();
        String id = "vdb-" + suffix();
        String name = "pod-db-" + suffix();
        String dataset = "src-" + suffix();
        String snapshot = "snap-" + suffix();
        RequestSpecification qa = as(owner, "owner");
        PodVdbCreateRequested create = new PodVdbCreateRequested(id + "-create", id, name, snapshot, owner, pod);
        asCatalog(create);

        await().atMost(PATIENCE).until(() -> as(owner, "owner").get("/api/v1/vdbs/" + id).then().extract()
                .statusCode() == 200);
        qa.get("/api/v1/vdbs/" + id).then().body("status", equalTo("PROVISIONING")).body("owner", equalTo(owner));
        assertThat(as(owner, "owner").get("/api/v1/vdbs").then().statusCode(200).extract().jsonPath()
                .<String>getList("id")).contains(id);
        as(owner, "owner").get("/api/v1/vdbs/" + id + "/credentials").then().statusCode(200).body("password",
                notNullValue());
        for (String change : List.of("refresh", "rewind", "snapshot", "stop", "start")) {
            as(owner, "owner").post("/api/v1/vdbs/" + id + "/" + change).then().statusCode(409).body("detail",
                    containsString("data pod " + pod)).body("detail", containsString("/api/v1/datapods/" + pod));
        }
        as(owner, "owner").delete("/api/v1/vdbs/" + id).then().statusCode(409).body("detail", containsString(
                "data pod " + pod));

        try (TopicClient events = provisioningEvents()) {
            // Repeated while it waits for its snapshot: nothing more is made. The busy answer to a snapshot command
            // sent after it (same key, so read after it) shows that the repetition was read.
            asCatalog(create);
            asCatalog(new PodVdbSnapshotRequested(id + "-snapshot", id));
            assertThat(answer(events, PodVdbFailed.class, id + "-snapshot").data().path("reason").asText())
                    .contains("busy");

            StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(null, new SnapshotView(
                    snapshot, dataset, "vol-" + suffix(), null, Instant.now(), null, null, null, null,
                    Map.of("engine", "files"), List.of(), List.of())));
            EventEnvelope clone = events.awaitEnvelope(e -> e.is(CloneRequested.class) && snapshot.equals(e.data()
                    .path("snapshotId").asText()), PATIENCE);
            assertThat(clone.data().path("dataset").asText()).as("its snapshots land on its own timeline")
                    .isEqualTo(id);
            qa.get("/api/v1/vdbs/" + id).then().body("parent", equalTo(dataset)).body("engine", equalTo("files"));

            // Repeated while the clone is made: still one virtual database, answered once, by the end.
            asCatalog(create);
            asCatalog(new PodVdbSnapshotRequested(id + "-snapshot-2", id));
            answer(events, PodVdbFailed.class, id + "-snapshot-2");
            List<EventEnvelope> seen = events.envelopes(events.awaitRecords(records -> true, PATIENCE));
            assertThat(seen.stream().filter(e -> e.is(CloneRequested.class) && snapshot.equals(e.data().path(
                    "snapshotId").asText()))).hasSize(1);
            assertThat(seen.stream().filter(e -> (id + "-create").equals(e.data().path("requestId").asText())))
                    .isEmpty();
            assertThat(as(owner, "owner").get("/api/v1/vdbs").then().extract().jsonPath().<String>getList("name"))
                    .containsOnlyOnce(name);

            StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new StorageRequestFailed(clone.data().path(
                    "requestId").asText(), "CloneRequested", clone.data().path("volumeId").asText(), 507,
                    "The pool is too full."));
            assertThat(answer(events, PodVdbFailed.class, id + "-create").data().path("reason").asText())
                    .contains("too full");
            qa.get("/api/v1/vdbs/" + id).then().body("status", equalTo("FAILED"));

            // A move to a snapshot of neither its parent nor itself is refused, naming the snapshot's dataset.
            String unrelated = "src-" + suffix();
            asCatalog(new PodVdbMoveRequested(id + "-move", id, announceSnapshot(unrelated)));
            assertThat(answer(events, PodVdbFailed.class, id + "-move").data().path("reason").asText())
                    .contains(unrelated).contains("neither");
            // A move to a moment needs a log of its current life, which a VDB that never ran has not.
            asCatalog(new PodVdbMoveRequested(id + "-moment", id, null, Instant.now().minusSeconds(1)));
            assertThat(answer(events, PodVdbFailed.class, id + "-moment").data().path("reason").asText())
                    .contains("keeps no log");

            asCatalog(new PodVdbDeleteRequested(id + "-delete", id));
            answer(events, PodVdbDone.class, id + "-delete");
            events.awaitEnvelope(e -> e.is(VdbDeleted.class) && id.equals(e.data().path("vdbId").asText()),
                    PATIENCE);
        }
        qa.get("/api/v1/vdbs/" + id).then().statusCode(404);
    }

    @Test
    void aCreateWhoseNameIsTakenIsRefusedAndADeleteWhileItWaitsAnswersBoth() {
        String owner = "dev-" + suffix();
        String pod = "pod-" + suffix();
        String id = "vdb-" + suffix();
        String name = "pod-db-" + suffix();
        try (TopicClient events = provisioningEvents()) {
            asCatalog(new PodVdbCreateRequested(id + "-create", id, name, "snap-" + suffix(), owner, pod));
            await().atMost(PATIENCE).until(() -> as(owner, "owner").get("/api/v1/vdbs/" + id).then().extract()
                    .statusCode() == 200);

            String other = "vdb-" + suffix();
            asCatalog(new PodVdbCreateRequested(other + "-create", other, name, "snap-" + suffix(), owner, pod));
            assertThat(answer(events, PodVdbFailed.class, other + "-create").data().path("reason").asText())
                    .contains(name).contains("exists already");

            // Still waiting for a snapshot nobody announces: the delete is immediate, and the create is answered.
            asCatalog(new PodVdbDeleteRequested(id + "-delete", id));
            answer(events, PodVdbDone.class, id + "-delete");
            assertThat(answer(events, PodVdbFailed.class, id + "-create").data().path("reason").asText())
                    .contains("deleted");
        }
        as(owner, "owner").get("/api/v1/vdbs/" + id).then().statusCode(404);
        as(owner, "owner").get("/api/v1/vdbs/" + name).then().statusCode(404);
    }

    @Test
    void aDeleteOfAnUnknownVirtualDatabaseIsDone() {
        String id = "vdb-" + suffix();
        try (TopicClient events = provisioningEvents()) {
            asCatalog(new PodVdbDeleteRequested(id + "-delete", id));
            EventEnvelope done = answer(events, PodVdbDone.class, id + "-delete");
            assertThat(done.data().path("vdbId").asText()).isEqualTo(id);
        }
    }
}
