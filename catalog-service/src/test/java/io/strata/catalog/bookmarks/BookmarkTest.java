package io.strata.catalog.bookmarks;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.contracts.catalog.BookmarkCreated;
import io.strata.contracts.catalog.BookmarkDeleted;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.HoldSnapshotRequested;
import io.strata.contracts.storage.ReleaseSnapshotRequested;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotHoldChanged;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/**
 * Bookmarks against real PostgreSQL and Kafka; the test plays the snapshot service: it announces snapshots and
 * answers the catalog's holds and releases.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class BookmarkTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private TopicClient catalogTopic;

    @BeforeEach
    void listen() {
        catalogTopic = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics.events(
                StrataTestEnvironment.topicPrefix(), Topics.CATALOG));
    }

    @AfterEach
    void close() {
        catalogTopic.close();
    }

    /** A snapshot of a dataset the catalog has heard of. */
    private String announcedSnapshot(String dataset) {
        String id = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(null, new SnapshotView(id, dataset,
                "vol-1", null, Instant.now(), "0/1", Instant.now(), 10L, 1L, Map.of(), List.of(), List.of())));
        // A past expiry is refused only once the snapshot is found (404 before): the catalog has heard of it.
        await().atMost(PATIENCE)
                .until(() -> given().contentType("application/json").body(Map.of("name", "probe", "snapshot",
                        id, "expiresAt", "2020-01-01T00:00:00Z")).post("/api/v1/bookmarks").then().extract()
                        .statusCode() == 400);
        return id;
    }

    private JsonPath create(Map<String, Object> body) {
        return given().contentType("application/json").body(body).post("/api/v1/bookmarks").then().log()
                .ifValidationFails().statusCode(202).extract().jsonPath();
    }

    private <T extends Event> T awaitCommand(Class<T> type, String snapshot) {
        EventEnvelope envelope = catalogTopic.awaitEnvelope(e -> e.is(type) && e.subject().equals(snapshot),
                PATIENCE);
        return codec.payload(envelope, type);
    }

    private String awaitJob(String jobId) {
        await().atMost(PATIENCE).until(() -> {
            String state = given().get("/api/v1/jobs/" + jobId).then().extract().path("state");
            return state != null && !state.equals("PENDING") && !state.equals("RUNNING");
        });
        return given().get("/api/v1/jobs/" + jobId).then().extract().path("state");
    }

    @Test
    void aBookmarkHoldsItsSnapshotIsAnnouncedAndReleasesItWhenDeleted() {
        String snapshot = announcedSnapshot("src-clinic");
        JsonPath created = create(Map.of("name", "before upgrade test", "snapshot", snapshot, "tags", List.of(
                "release-7", "qa"), "shared", true));
        String id = created.getString("id");
        given().get("/api/v1/bookmarks/" + id).then().statusCode(200).body("status", equalTo("PENDING"));

        HoldSnapshotRequested hold = awaitCommand(HoldSnapshotRequested.class, snapshot);
        assertThat(hold.holder()).isEqualTo("bookmark:" + id);
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotHoldChanged(hold.requestId(), snapshot,
                hold.holder(), true));

        assertThat(awaitJob(created.getString("jobId"))).isEqualTo("SUCCEEDED");
        given().get("/api/v1/bookmarks/before upgrade test").then().statusCode(200).body("id", equalTo(id))
                .body("status", equalTo("READY")).body("points[0].dataset", equalTo("src-clinic"))
                .body("points[0].snapshot", equalTo(snapshot)).body("branch", nullValue());
        BookmarkCreated announced = codec.payload(catalogTopic.awaitEnvelope(e -> e.is(BookmarkCreated.class) && e
                .subject().equals(id), PATIENCE), BookmarkCreated.class);
        assertThat(announced.bookmark().points()).extracting("snapshot").containsExactly(snapshot);
        given().get("/api/v1/bookmarks?tag=qa").then().body("id", hasItem(id));
        given().get("/api/v1/bookmarks?tag=other").then().body("id", not(hasItem(id)));
        given().get("/api/v1/bookmarks?shared=false").then().body("id", not(hasItem(id)));

        String deleting = given().delete("/api/v1/bookmarks/" + id).then().statusCode(202).extract().path("jobId");
        ReleaseSnapshotRequested release = awaitCommand(ReleaseSnapshotRequested.class, snapshot);
        assertThat(release.holder()).isEqualTo("bookmark:" + id);
        given().delete("/api/v1/bookmarks/" + id).then().statusCode(409);
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotHoldChanged(release.requestId(), snapshot,
                release.holder(), false));
        assertThat(awaitJob(deleting)).isEqualTo("SUCCEEDED");
        given().get("/api/v1/bookmarks/" + id).then().statusCode(404);
        catalogTopic.awaitEnvelope(e -> e.is(BookmarkDeleted.class) && e.subject().equals(id), PATIENCE);
    }

    @Test
    void aBookmarkOfADatasetTakesItsNewestSnapshot() {
        String dataset = "vdb-" + UUID.randomUUID().toString().substring(0, 8);
        announcedSnapshot(dataset);
        String newest = announcedSnapshot(dataset);
        String id = create(Map.of("name", "newest of " + dataset, "dataset", dataset)).getString("id");
        given().get("/api/v1/bookmarks/" + id).then().body("points[0].snapshot", equalTo(newest));
    }

    @Test
    void aRefusedHoldFailsTheJobAndLeavesNoBookmark() {
        String snapshot = announcedSnapshot("src-gone");
        JsonPath created = create(Map.of("name", "refused", "snapshot", snapshot));
        HoldSnapshotRequested hold = awaitCommand(HoldSnapshotRequested.class, snapshot);
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new StorageRequestFailed(hold.requestId(),
                "HoldSnapshotRequested", snapshot, 404, "snapshot " + snapshot + " not found"));

        assertThat(awaitJob(created.getString("jobId"))).isEqualTo("FAILED");
        given().get("/api/v1/jobs/" + created.getString("jobId")).then().body("error", containsString("not found"));
        ReleaseSnapshotRequested release = awaitCommand(ReleaseSnapshotRequested.class, snapshot);
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotHoldChanged(release.requestId(), snapshot,
                release.holder(), false));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/bookmarks/" + created.getString("id"))
                .then().statusCode(404));
    }

    @Test
    void anExpiredBookmarkGoesByItself() {
        String snapshot = announcedSnapshot("src-expiring");
        String id = create(Map.of("name", "short-lived", "snapshot", snapshot, "expiresAt", Instant.now().plusSeconds(
                3).toString())).getString("id");
        HoldSnapshotRequested hold = awaitCommand(HoldSnapshotRequested.class, snapshot);
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotHoldChanged(hold.requestId(), snapshot,
                hold.holder(), true));

        ReleaseSnapshotRequested release = awaitCommand(ReleaseSnapshotRequested.class, snapshot);
        assertThat(release.holder()).isEqualTo("bookmark:" + id);
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotHoldChanged(release.requestId(), snapshot,
                release.holder(), false));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/bookmarks/" + id).then().statusCode(404));
    }

    @Test
    void badRequestsAreRefusedWithWhatToDo() {
        String snapshot = announcedSnapshot("src-bad");
        given().contentType("application/json").body(Map.of("snapshot", snapshot)).post("/api/v1/bookmarks").then()
                .statusCode(400).body("detail", containsString("name is required"));
        given().contentType("application/json").body(Map.of("name", "x", "snapshot", "snap-missing")).post(
                "/api/v1/bookmarks").then().statusCode(404).body("detail", containsString("snap-missing"));
        given().contentType("application/json").body(Map.of("name", "x", "dataset", "nothing-here")).post(
                "/api/v1/bookmarks").then().statusCode(404);
        given().contentType("application/json").body(Map.of("name", "x")).post("/api/v1/bookmarks").then()
                .statusCode(400).body("detail", containsString("snapshot or dataset is required"));
        given().contentType("application/json").body(Map.of("name", "x", "snapshot", snapshot, "expiresAt",
                "2020-01-01T00:00:00Z")).post("/api/v1/bookmarks").then().statusCode(400).body("detail",
                        containsString("not in the future"));
        given().contentType("application/json").body(Map.of("name", "x", "snapshot", snapshot, "tags", List.of(
                "has space"))).post("/api/v1/bookmarks").then().statusCode(400).body("field", equalTo("tags"))
                .body("detail", containsString("tags[0] is not a valid tag"));
        given().contentType("application/json").body(Map.of("name", " leading space", "snapshot", snapshot)).post(
                "/api/v1/bookmarks").then().statusCode(400).body("field", equalTo("name"))
                .body("detail", containsString("starting with a letter or digit"));
        given().contentType("application/json").post("/api/v1/bookmarks").then().statusCode(400)
                .body("detail", containsString("The request body is required"));
        given().get("/api/v1/bookmarks?shared=maybe").then().statusCode(400).body("detail", containsString(
                "true or false"));
        create(Map.of("name", "taken", "snapshot", snapshot));
        given().contentType("application/json").body(Map.of("name", "taken", "snapshot", snapshot)).post(
                "/api/v1/bookmarks").then().statusCode(409);
        given().delete("/api/v1/bookmarks/no-such-bookmark").then().statusCode(404);
    }
}
