package io.strata.catalog.datapods;

import static io.strata.testing.Api.as;
import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.SourceChanged;
import io.strata.contracts.provisioning.PodVdbCreateRequested;
import io.strata.contracts.provisioning.PodVdbDeleteRequested;
import io.strata.contracts.provisioning.PodVdbDone;
import io.strata.contracts.provisioning.PodVdbFailed;
import io.strata.contracts.provisioning.PodVdbMoveRequested;
import io.strata.contracts.provisioning.PodVdbSnapshotRequested;
import io.strata.contracts.storage.HoldSnapshotRequested;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotHoldChanged;
import io.strata.contracts.storage.SnapshotView;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/**
 * A data pod's life as the catalog runs it: the test plays ingest, the snapshot service and the provisioning
 * service, answering each command, and checks which snapshot every virtual database is asked to stand on after a
 * creation, a bookmark, a reset and an undo, and that a move refused half-way puts back what had moved.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class DataPodTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private TopicClient commands;
    /** Commands already answered, by event id: the topic is read from its start by every test. */
    private static final Set<String> ANSWERED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int snapshots;

    @BeforeEach
    void listen() {
        commands = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics.events(
                StrataTestEnvironment.topicPrefix(), Topics.CATALOG));
    }

    @AfterEach
    void close() {
        commands.close();
    }

    private void publish(String service, Event event) {
        StrataTestEnvironment.publish(codec, service, event);
    }

    /**
     * The next command of {@code type} about one of {@code subjects} (this test's virtual databases or snapshots: other
     * tests share the topic) not answered yet; a step repeated for each VDB keeps its request id, so events count.
     */
    private <T extends Event> T next(Class<T> type, Set<String> subjects) {
        EventEnvelope envelope = commands.awaitEnvelope(e -> e.is(type) && subjects.contains(e.subject())
                && !ANSWERED.contains(e.id().toString()), PATIENCE);
        ANSWERED.add(envelope.id().toString());
        return codec.payload(envelope, type);
    }

    /** Answers the next snapshot command with a new snapshot id, which it returns. */
    private String snapshotTaken(Set<String> vdbs) {
        PodVdbSnapshotRequested request = next(PodVdbSnapshotRequested.class, vdbs);
        String snapshot = "s" + (++snapshots) + "-" + request.vdbId();
        publish(Topics.PROVISIONING, new PodVdbDone(request.requestId(), request.vdbId(), snapshot));
        return snapshot;
    }

    /** Answers the next move command; returns {vdb, snapshot} it asked for. */
    private List<String> moved(Set<String> vdbs) {
        PodVdbMoveRequested request = next(PodVdbMoveRequested.class, vdbs);
        publish(Topics.PROVISIONING, new PodVdbDone(request.requestId(), request.vdbId(), request.snapshotId()));
        return List.of(request.vdbId(), request.snapshotId());
    }

    /**
     * Answers the snapshot command sent to each virtual database (all at once, so in any order); returns the
     * snapshots in the pod's order.
     */
    private List<String> taken(List<String> order) {
        String[] taken = new String[order.size()];
        for (int i = 0; i < order.size(); i++) {
            String snapshot = snapshotTaken(Set.copyOf(order));
            taken[order.indexOf(snapshot.substring(snapshot.indexOf('-') + 1))] = snapshot;
        }
        return List.of(taken);
    }

    /** Answers the move sent to each virtual database; returns the snapshots they moved to, in the pod's order. */
    private List<String> movedTo(List<String> order) {
        String[] targets = new String[order.size()];
        for (int i = 0; i < order.size(); i++) {
            List<String> move = moved(Set.copyOf(order));
            targets[order.indexOf(move.get(0))] = move.get(1);
        }
        return List.of(targets);
    }

    /** Asks for a pod as {@code user}, answers its creates; returns its virtual databases' ids in the pod's order. */
    private List<String> created(RequestSpecification user, String pod, String template) {
        user.contentType("application/json").body(Map.of("name", pod, "template", template)).post("/api/v1/datapods")
                .then().statusCode(202);
        List<String> vdbs = vdbsInOrder(pod);
        for (int i = 0; i < vdbs.size(); i++) {
            PodVdbCreateRequested create = next(PodVdbCreateRequested.class, Set.copyOf(vdbs));
            publish(Topics.PROVISIONING, new PodVdbDone(create.requestId(), create.vdbId(), create.snapshotId()));
        }
        return vdbs;
    }

    /** A pod of a new template of two new sources, made by an admin and ready; its VDBs in the pod's order. */
    private List<String> readyPodOfTwoSources(String pod) {
        String template = template("of-" + pod, source(pod + "-one", false), source(pod + "-two", false));
        List<String> vdbs = created(given(), pod, template);
        awaitReady(given(), pod);
        return vdbs;
    }

    private static List<String> vdbsInOrder(String pod) {
        return given().get("/api/v1/datapods/" + pod).then().extract().jsonPath().getList("vdbs.vdbId");
    }

    private static void awaitReady(RequestSpecification user, String pod) {
        await().atMost(PATIENCE).untilAsserted(() -> user.get("/api/v1/datapods/" + pod).then().statusCode(200)
                .body("status", equalTo("READY")));
    }

    private String source(String name, boolean sensitive) {
        String id = "src-" + name;
        Instant now = Instant.now();
        publish(Topics.INGEST, new SourceChanged(id, name, "postgresql", "local", "ACTIVE", null, null, null, now,
                now, sensitive));
        publish(Topics.SNAPSHOT, new SnapshotCreated("req-" + id, new SnapshotView("snap-" + id, id, "vol-" + id,
                null, now.minusSeconds(5), "0/1", now.minusSeconds(5), 1L, 1L, Map.of(), List.of(), List.of())));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/catalog/datasets/" + name).then()
                .statusCode(200));
        return id;
    }

    private String template(String name, String... datasets) {
        given().contentType("application/json").body(Map.of("name", name, "datasets", List.of(datasets))).post(
                "/api/v1/templates").then().statusCode(201);
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/templates/" + name + "/point").then()
                .statusCode(200));
        return name;
    }

    @Test
    void aTestersPodIsBookmarkedResetAndTheResetUndone() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String orders = source("orders-" + run, false);
        String billing = source("billing-" + run, false);
        String template = template("shop-" + run, orders, billing);
        RequestSpecification qa = as("qa", "owner");
        String pod = "qa-" + run;

        as("qa", "owner").contentType("application/json").body(Map.of("name", pod, "template", template)).post(
                "/api/v1/datapods").then().statusCode(202);
        List<String> ids = given().get("/api/v1/datapods/" + pod).then().extract().jsonPath().getList("vdbs.vdbId");
        Set<String> vdbs = Set.copyOf(ids);
        for (int i = 0; i < 2; i++) {
            PodVdbCreateRequested create = next(PodVdbCreateRequested.class, vdbs);
            assertThat(create.snapshotId()).as("each VDB from its dataset's snapshot").isEqualTo("snap-" + List.of(
                    orders, billing).get(ids.indexOf(create.vdbId())));
            assertThat(create.owner()).isEqualTo("qa");
            publish(Topics.PROVISIONING, new PodVdbDone(create.requestId(), create.vdbId(), create.snapshotId()));
        }
        awaitReady(as("qa", "owner"), pod);
        qa.get("/api/v1/datapods/" + pod).then().body("resetTo", equalTo("creation")).body("vdbs.vdbName",
                org.hamcrest.Matchers.contains(pod + "-orders-" + run, pod + "-billing-" + run));

        String bookmark = as("qa", "owner").contentType("application/json").body(Map.of("name", "bug-" + run))
                .post("/api/v1/datapods/" + pod + "/bookmarks").then().statusCode(202).extract().path("id");
        List<String> bookmarked = taken(ids);
        for (int i = 0; i < 2; i++) {
            HoldSnapshotRequested hold = next(HoldSnapshotRequested.class, Set.copyOf(bookmarked));
            publish(Topics.SNAPSHOT, new SnapshotHoldChanged(hold.requestId(), hold.snapshotId(), hold.holder(),
                    true));
        }
        await().atMost(PATIENCE).untilAsserted(() -> as("qa", "owner").get("/api/v1/bookmarks/" + bookmark).then()
                .statusCode(200).body("status", equalTo("READY")).body("points.snapshot", org.hamcrest.Matchers
                        .contains(bookmarked.get(0), bookmarked.get(1)))
                .body("owner", equalTo("qa")));
        awaitReady(as("qa", "owner"), pod);
        qa.get("/api/v1/datapods/" + pod).then().body("resetTo", equalTo("bookmark bug-" + run));

        // The destructive test ran; reset brings back the bookmark, after saving what the test left.
        as("qa", "owner").post("/api/v1/datapods/" + pod + "/reset").then().statusCode(202);
        List<String> afterTest = taken(ids);
        assertThat(movedTo(ids)).isEqualTo(bookmarked);
        awaitReady(as("qa", "owner"), pod);
        qa.get("/api/v1/datapods/" + pod).then().body("current.snapshot", org.hamcrest.Matchers.contains(bookmarked
                .get(0), bookmarked.get(1))).body("undo", equalTo("reset to bookmark bug-" + run));

        // Undo the reset: the state the test left comes back.
        as("qa", "owner").post("/api/v1/datapods/" + pod + "/undo").then().statusCode(202);
        taken(ids);
        assertThat(movedTo(ids)).isEqualTo(afterTest);
        awaitReady(as("qa", "owner"), pod);
        qa.get("/api/v1/datapods/" + pod).then().body("current.snapshot", org.hamcrest.Matchers.contains(afterTest
                .get(0), afterTest.get(1)));

        // Another owner sees neither the pod nor its unshared bookmark, and cannot change it.
        as("dev", "owner").get("/api/v1/datapods/" + pod).then().statusCode(404);
        as("dev", "owner").post("/api/v1/datapods/" + pod + "/reset").then().statusCode(404);
        as("dev", "owner").get("/api/v1/bookmarks/" + bookmark).then().statusCode(404);
        assertThat(as("dev", "owner").get("/api/v1/datapods").then().statusCode(200).extract().jsonPath()
                .<String>getList("name")).doesNotContain(pod);
        as("dev", "owner").delete("/api/v1/bookmarks/" + bookmark).then().statusCode(404);
    }

    @Test
    void aMoveRefusedHalfWayPutsBackWhatHadMovedAndThePodStaysUsable() {
        String pod = "p-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> order = readyPodOfTwoSources(pod);
        Set<String> vdbs = Set.copyOf(order);

        given().post("/api/v1/datapods/" + pod + "/reset").then().statusCode(202);
        List<String> saved = taken(order);
        List<String> first = moved(vdbs);
        PodVdbMoveRequested second = next(PodVdbMoveRequested.class, vdbs);
        publish(Topics.PROVISIONING, new PodVdbFailed(second.requestId(), second.vdbId(), "The pool is full."));

        // The one that moved goes back to what was saved (the refused one is sent back too: without an answer, a
        // move may have happened; going back to the saved state is right either way).
        PodVdbMoveRequested back = next(PodVdbMoveRequested.class, Set.of(first.get(0)));
        assertThat(back.snapshotId()).isEqualTo(saved.get(order.indexOf(first.get(0))));
        awaitReady(given(), pod);
        given().get("/api/v1/datapods/" + pod).then().body("error", containsString("The pool is full."))
                .body("error", containsString("put back"));
    }

    /** Bookmarks the pod as {@code user}, answering its snapshots and holds; returns the bookmark's snapshots. */
    private List<String> bookmarked(RequestSpecification user, String pod, String name, List<String> vdbs) {
        user.contentType("application/json").body(Map.of("name", name)).post("/api/v1/datapods/" + pod
                + "/bookmarks").then().statusCode(202);
        List<String> snapshots = taken(vdbs);
        for (int i = 0; i < 2; i++) {
            HoldSnapshotRequested hold = next(HoldSnapshotRequested.class, Set.copyOf(snapshots));
            publish(Topics.SNAPSHOT, new SnapshotHoldChanged(hold.requestId(), hold.snapshotId(), hold.holder(),
                    true));
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/bookmarks/" + name).then().statusCode(200)
                .body("status", equalTo("READY")));
        return snapshots;
    }

    /** Answers the saves and moves of a pod operation; returns {saved, moved-to} snapshots in the pod's order. */
    private List<List<String>> savedAndMoved(List<String> vdbs) {
        return List.of(taken(vdbs), movedTo(vdbs));
    }

    @Test
    void aBranchFromABookmarkIsActivatedTheOtherBranchKeepsItsStateAndALockKeepsOtherOwnersOut() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String template = template("two-" + run, source("one-" + run, false), source("two-" + run, false));
        given().contentType("application/json").body(Map.of("username", "co-" + run, "password",
                "co-owner-password", "roles", List.of("owner"))).post("/api/v1/users").then().statusCode(201);
        String pod = "b-" + run;
        as("qa", "owner").contentType("application/json").body(Map.of("name", pod, "template", template, "owners",
                List.of("co-" + run))).post("/api/v1/datapods").then().statusCode(202);
        List<String> vdbs = vdbsInOrder(pod);
        for (int i = 0; i < 2; i++) {
            PodVdbCreateRequested create = next(PodVdbCreateRequested.class, Set.copyOf(vdbs));
            publish(Topics.PROVISIONING, new PodVdbDone(create.requestId(), create.vdbId(), create.snapshotId()));
        }
        awaitReady(given(), pod);
        List<String> bug = bookmarked(as("qa", "owner"), pod, "bug-" + run, vdbs);

        as("qa", "owner").contentType("application/json").body(Map.of("name", "fix", "fromBookmark", "bug-" + run))
                .post("/api/v1/datapods/" + pod + "/branches").then().statusCode(201).body("active", equalTo(false));
        as("qa", "owner").post("/api/v1/datapods/" + pod + "/branches/fix/activate").then().statusCode(202);
        List<List<String>> first = savedAndMoved(vdbs);
        assertThat(first.get(1)).isEqualTo(bug);
        awaitReady(given(), pod);
        given().get("/api/v1/datapods/" + pod).then().body("activeBranch", equalTo("fix"));

        // Back on main: its VDBs get what main held when it was left.
        as("qa", "owner").post("/api/v1/datapods/" + pod + "/branches/main/activate").then().statusCode(202);
        List<List<String>> second = savedAndMoved(vdbs);
        assertThat(second.get(1)).isEqualTo(first.get(0));
        awaitReady(given(), pod);
        // Undo the activation: back on fix, as it was left.
        as("qa", "owner").post("/api/v1/datapods/" + pod + "/undo").then().statusCode(202);
        assertThat(savedAndMoved(vdbs).get(1)).isEqualTo(second.get(0));
        awaitReady(given(), pod);
        as("qa", "owner").get("/api/v1/datapods/" + pod + "/branches").then().statusCode(200).body("[0].name",
                equalTo("fix")).body("[0].active", equalTo(true));

        as("qa", "owner").post("/api/v1/datapods/" + pod + "/lock").then().statusCode(200).body("lockedBy",
                equalTo("qa"));
        as("co-" + run, "owner").post("/api/v1/datapods/" + pod + "/reset").then().statusCode(409).body("detail",
                containsString("locked by qa"));
        as("co-" + run, "owner").post("/api/v1/datapods/" + pod + "/unlock").then().statusCode(403);
        as("qa", "owner").post("/api/v1/datapods/" + pod + "/unlock").then().statusCode(200);
        as("co-" + run, "owner").post("/api/v1/datapods/" + pod + "/reset").then().statusCode(202);
        savedAndMoved(vdbs);
        awaitReady(given(), pod);
    }

    /** Activates a branch of the pod, answering its saves and moves; returns the state saved on the branch left. */
    private List<String> activated(String pod, String branch, List<String> vdbs) {
        given().post("/api/v1/datapods/" + pod + "/branches/" + branch + "/activate").then().statusCode(202);
        List<String> saved = savedAndMoved(vdbs).get(0);
        awaitReady(given(), pod);
        return saved;
    }

    @Test
    void aBookmarkAndASavedStateKeepTheBranchTheyWereMadeOnWhileThePodGoesBackAndForth() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String pod = "h-" + run;
        List<String> vdbs = readyPodOfTwoSources(pod);
        bookmarked(given(), pod, "start-" + run, vdbs);
        awaitReady(given(), pod);
        given().contentType("application/json").body(Map.of("name", "fix", "fromBookmark", "start-" + run)).post(
                "/api/v1/datapods/" + pod + "/branches").then().statusCode(201);

        // main → fix → main → fix, a bookmark on each stay.
        List<String> leftMain = activated(pod, "fix", vdbs);
        bookmarked(given(), pod, "on-fix-" + run, vdbs);
        awaitReady(given(), pod);
        List<String> leftFix = activated(pod, "main", vdbs);
        bookmarked(given(), pod, "on-main-" + run, vdbs);
        awaitReady(given(), pod);
        List<String> leftMainAgain = activated(pod, "fix", vdbs);

        Map.of("start-" + run, "main", "on-fix-" + run, "fix", "on-main-" + run, "main").forEach((bookmark,
                branch) -> given().get("/api/v1/bookmarks/" + bookmark).then().statusCode(200).body("branch",
                        equalTo(branch)));
        JsonPath branches = given().get("/api/v1/datapods/" + pod + "/branches").then()
                .statusCode(200).extract().jsonPath();
        assertThat(branches.<String>getList("find { it.name == 'main' }.snapshots")).as("the states saved on main")
                .containsExactlyElementsOf(Stream.concat(leftMain.stream(), leftMainAgain.stream())
                        .toList());
        assertThat(branches.<String>getList("find { it.name == 'fix' }.snapshots")).as("the state saved on fix")
                .containsExactlyElementsOf(leftFix);
    }

    @Test
    void aTemplateWithASensitiveSourceMakesPodsForAdminsOnly() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String template = template("crm-" + run, source("crm-" + run, true));
        as("qa", "owner").contentType("application/json").body(Map.of("name", "qa-crm-" + run, "template",
                template)).post("/api/v1/datapods").then().statusCode(403).body("detail", containsString(
                        "sensitive source crm-" + run));
        as("viewer", "reader").contentType("application/json").body(Map.of("name", "v-" + run, "template",
                template)).post("/api/v1/datapods").then().statusCode(403);
        given().contentType("application/json").body(Map.of("name", "nope-" + run, "template", "missing-" + run))
                .post("/api/v1/datapods").then().statusCode(400).body("field", equalTo("template"));
    }

    @Test
    void aPodRestoredToAMomentRecoversEveryVdbThereAndAResetComesBackToIt() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String template = template("pit-" + run, source("pa-" + run, false), source("pb-" + run, false));
        String pod = "t-" + run;
        List<String> vdbs = created(as("qa", "owner"), pod, template);
        awaitReady(given(), pod);
        Instant from = Instant.parse(given().get("/api/v1/datapods/" + pod).then().extract().path("timelineFrom"));

        given().contentType("application/json").body(Map.of("timestamp", from.minusSeconds(60).toString())).post(
                "/api/v1/datapods/" + pod + "/restore").then().statusCode(400).body("field", equalTo("timestamp"))
                .body("detail", containsString("outside data pod " + pod + "'s timeline, {from: " + from));
        given().contentType("application/json").body(Map.of("timestamp", Instant.now().plusSeconds(3600)
                .toString())).post("/api/v1/datapods/" + pod + "/restore").then().statusCode(400);
        given().contentType("application/json").body(Map.of("timestamp", from.toString(), "bookmark", "x")).post(
                "/api/v1/datapods/" + pod + "/restore").then().statusCode(400).body("detail", containsString(
                        "not both"));

        as("qa", "owner").contentType("application/json").body(Map.of("timestamp", from.toString())).post(
                "/api/v1/datapods/" + pod + "/restore").then().statusCode(202);
        List<String> saved = taken(vdbs);
        for (int i = 0; i < 2; i++) {
            PodVdbMoveRequested move = next(PodVdbMoveRequested.class, Set.copyOf(vdbs));
            assertThat(move.recoveryTime()).as("every VDB recovers to the same moment").isEqualTo(from);
            assertThat(move.snapshotId()).as("the provisioning service picks what to replay from").isNull();
            publish(Topics.PROVISIONING, new PodVdbDone(move.requestId(), move.vdbId(), "base-" + move.vdbId()));
        }
        // Marked where they recovered to: those snapshots are where the pod stands, and where a reset goes.
        List<String> marked = taken(vdbs);
        awaitReady(given(), pod);
        given().get("/api/v1/datapods/" + pod).then().body("current.snapshot", org.hamcrest.Matchers.contains(marked
                .get(0), marked.get(1))).body("resetTo", equalTo("restore to " + from)).body("undo", equalTo(
                        "restore to " + from));
        assertThat(Instant.parse(given().get("/api/v1/datapods/" + pod).then().extract().path("timelineFrom")))
                .as("the timeline starts again").isAfter(from);

        given().post("/api/v1/datapods/" + pod + "/reset").then().statusCode(202);
        assertThat(savedAndMoved(vdbs).get(1)).isEqualTo(marked);
        awaitReady(given(), pod);
        given().post("/api/v1/datapods/" + pod + "/undo").then().statusCode(202);
        savedAndMoved(vdbs);
        awaitReady(given(), pod);
        assertThat(saved).hasSize(2);
    }

    @Test
    void anExpiredPodDeletesItselfOnlyOnceItIsNoLongerProtected() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String template = template("exp-" + run, source("ea-" + run, false));
        String pod = "e-" + run;
        as("qa", "owner").contentType("application/json").body(Map.of("name", pod, "template", template,
                "expiresAt", Instant.now().minusSeconds(1).toString())).post("/api/v1/datapods").then().statusCode(
                        400)
                .body("field", equalTo("expiresAt"));
        as("qa", "owner").contentType("application/json").body(Map.of("name", pod, "template", template,
                "expiresAt", Instant.now().plusSeconds(3600).toString(), "protected", true)).post("/api/v1/datapods")
                .then().statusCode(202);
        Set<String> vdbs = Set.copyOf(vdbsInOrder(pod));
        String podId = given().get("/api/v1/datapods/" + pod).then().extract().path("id");
        PodVdbCreateRequested create = next(PodVdbCreateRequested.class, vdbs);
        publish(Topics.PROVISIONING, new PodVdbDone(create.requestId(), create.vdbId(), create.snapshotId()));
        awaitReady(given(), pod);

        as("qa", "owner").delete("/api/v1/datapods/" + pod).then().statusCode(409).body("detail", containsString(
                "protected"));
        as("qa", "owner").contentType("application/json").body(Map.of("owners", List.of("dev"))).patch(
                "/api/v1/datapods/" + pod).then().statusCode(400).body("field", equalTo("owners"));
        as("qa", "owner").contentType("application/json").body(Map.of("expiresAt", "soon")).patch(
                "/api/v1/datapods/" + pod).then().statusCode(400).body("detail", containsString("RFC 3339"));
        as("dev", "owner").contentType("application/json").body(Map.of("protected", false)).patch(
                "/api/v1/datapods/" + pod).then().statusCode(404);

        // Its time comes while it is protected: it stays, round after round of the expiry.
        Instant soon = Instant.now().plusSeconds(1);
        as("qa", "owner").contentType("application/json").body(Map.of("expiresAt", soon.toString())).patch(
                "/api/v1/datapods/" + pod).then().statusCode(200).body("protected", equalTo(true));
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(soon));
        await().during(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> "READY".equals(given().get(
                "/api/v1/datapods/" + pod).then().extract().path("status")));

        // Unprotected, the next round deletes it: its VDB is asked to go, and the job says why.
        as("qa", "owner").contentType("application/json").body(Map.of("protected", false)).patch(
                "/api/v1/datapods/" + pod).then().statusCode(200).body("protected", equalTo(false));
        PodVdbDeleteRequested delete = next(PodVdbDeleteRequested.class, vdbs);
        publish(Topics.PROVISIONING, new PodVdbDone(delete.requestId(), delete.vdbId(), null));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/datapods/" + pod).then().statusCode(404));
        assertThat(given().get("/api/v1/jobs?resource=" + podId).then().extract().jsonPath().<String>getList("kind"))
                .as("the one DELETE asked for was refused: the expiry deleted it").containsOnlyOnce("datapod.delete");
    }

    @Test
    void aPodIsPutOnAnotherPodsBookmarkOnlyWhenItIsSharedAndOfTheSameTemplate() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String template = template("sib-" + run, source("sa-" + run, false), source("sb-" + run, false));
        String otherTemplate = template("oth-" + run, source("oa-" + run, false));
        String dev = "dev-" + run;
        given().contentType("application/json").body(Map.of("username", dev, "password", "developer-password",
                "roles", List.of("owner"))).post("/api/v1/users").then().statusCode(201);
        List<String> qaVdbs = created(as("qa", "owner"), "q-" + run, template);
        List<String> devVdbs = created(as(dev, "owner"), "d-" + run, template);
        awaitReady(given(), "q-" + run);
        awaitReady(given(), "d-" + run);
        List<String> bug = bookmarked(as("qa", "owner"), "q-" + run, "sib-bug-" + run, qaVdbs);
        Map<String, String> onBug = Map.of("bookmark", "sib-bug-" + run);

        as(dev, "owner").contentType("application/json").body(onBug).post("/api/v1/datapods/d-" + run
                + "/restore").then().statusCode(400).body("field", equalTo("bookmark"));
        as("qa", "owner").contentType("application/json").body(Map.of("users", List.of(dev))).post(
                "/api/v1/bookmarks/sib-bug-" + run + "/share").then().statusCode(200);

        // Shared: the developer's VDBs go onto QA's snapshots, each on the one of its own template dataset.
        as(dev, "owner").contentType("application/json").body(onBug).post("/api/v1/datapods/d-" + run
                + "/restore").then().statusCode(202);
        assertThat(savedAndMoved(devVdbs).get(1)).isEqualTo(bug);
        awaitReady(given(), "d-" + run);
        as(dev, "owner").contentType("application/json").body(Map.of("name", "from-qa", "fromBookmark", "sib-bug-"
                + run)).post("/api/v1/datapods/d-" + run + "/branches").then().statusCode(201);

        // A pod of another template cannot use it.
        created(as(dev, "owner"), "o-" + run, otherTemplate);
        awaitReady(given(), "o-" + run);
        as(dev, "owner").contentType("application/json").body(onBug).post("/api/v1/datapods/o-" + run
                + "/restore").then().statusCode(400).body("detail", containsString("another pod of its template"));
    }
}
