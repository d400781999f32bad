package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * Virtual databases for real: provisioned from a linked PostgreSQL source through the snapshot, provisioning and
 * ingest services run as processes (the catalog too, for bookmarks); isolation, refresh, snapshot and rewind, point in time, a dying engine noticed
 * and started again, hooks, bad input, the provisioning service killed mid-provision, and delete.
 */
class VirtualDatabaseIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static StrataHome home;
    private static PostgresCluster source;
    private static KafkaBroker broker;
    private static String prefix;
    private static Map<String, String> provisioningConfig;
    private static ServiceProcess snapshot;
    private static ServiceProcess provisioning;
    private static ServiceProcess ingest;
    private static ServiceProcess catalog;
    private static String sourceId;
    /** The source's snapshot after set-up: VDBs made from it hold "at link,before T,after T" whatever ran before. */
    private static String initialSnapshot;
    private static Instant beforeT;
    private static Instant target;

    @BeforeAll
    static void start() throws Exception {
        home = StrataHome.create();
        PostgresCluster state = PostgresCluster.shared();
        broker = KafkaBroker.shared();
        prefix = Backbone.freshPrefix();
        source = PostgresCluster.start(Map.of());
        source.execute("postgres", "create database clinic", "create role app login replication password 'ap'");
        source.execute("clinic", "create table visits (id serial primary key, note text)",
                "insert into visits (note) values ('at link')", "grant all on visits to app",
                "grant all on sequence visits_id_seq to app", "grant execute on function pg_switch_wal() to app");
        snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs", "strata.snapshot.pool.size",
                "8G", "strata.snapshot.nfs.port", String.valueOf(Ports.free()))).start();
        int ports = Ports.range(121);
        provisioningConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        provisioningConfig.putAll(Map.of("strata.home", home.toString(), "strata.provisioning.ports", ports + "-"
                + (ports + 40), "strata.provisioning.monitor-interval", "1s"));
        provisioning = startProvisioning();
        catalog = ServiceProcess.of("catalog-service").withDatabase(state).withBroker(broker, prefix).start();
        ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.ingest.staging.ports", (ports + 100) + "-" + (ports + 120)))
                .start();

        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name",
                "clinic", "engine", "postgresql", "logSync", true, "connection", Map.of("host", "127.0.0.1", "port",
                        source.port(), "database", "clinic", "user", "app", "password", "ap")))
                .post(
                        "/api/v1/sources")
                .then().log().ifValidationFails().statusCode(202).extract().jsonPath();
        sourceId = linked.getString("id");
        awaitJob(ingest, linked.getString("jobId"), "SUCCEEDED");
        source.execute("clinic", "insert into visits (note) values ('before T')");
        beforeT = Instant.now();
        target = clockPast(beforeT.plusMillis(1100));
        clockPast(target.plusMillis(1100));
        source.execute("clinic", "insert into visits (note) values ('after T')");
        initialSnapshot = sync();
    }

    /** Waits until the clock has passed {@code moment}; returns the time then. */
    static Instant clockPast(Instant moment) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> Instant.now().isAfter(moment));
        return Instant.now();
    }

    private static ServiceProcess startProvisioning() {
        return ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(broker, prefix).start();
    }

    @AfterAll
    static void stop() {
        try {
            for (ServiceProcess service : new ServiceProcess[]{ingest, catalog, provisioning, snapshot}) {
                if (service != null) {
                    service.stop();
                }
            }
            Processes.run(30, List.of("sh", "-c", "pkill -f '[p]ostgres -D " + home
                    + "' || true"));
        } finally {
            source.close();
            home.close();
        }
    }

    private static String sync() {
        String job = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, job, "SUCCEEDED");
        List<Map<String, Object>> snapshots = given().baseUri(snapshot.baseUrl()).get("/api/v1/datasets/" + sourceId
                + "/snapshots").then().statusCode(200).extract().jsonPath().getList("$");
        String newest = (String) snapshots.stream().max(java.util.Comparator.comparing(view -> Instant.parse(
                (String) view.get("createdAt")))).orElseThrow().get("id");
        awaitKnownToProvisioning(newest);
        return newest;
    }

    /** A running VDB of this test's own, made from the snapshot taken at set-up. */
    private static JsonPath provisionInitial(String name) {
        return provision(Map.of("name", name, "from", Map.of("snapshot", initialSnapshot)), "SUCCEEDED");
    }

    /** Waits until the provisioning service has heard of a snapshot: 404 before, then 400 for the bad parameter. */
    private static void awaitKnownToProvisioning(String snapshotId) {
        await().atMost(PATIENCE).until(() -> given().baseUri(provisioning.baseUrl()).contentType("application/json")
                .body(Map.of("name", "probe-" + System.nanoTime(), "from", Map.of("snapshot", snapshotId),
                        "parameters", Map.of("maxConnections", 1)))
                .post("/api/v1/vdbs").then().extract().statusCode() == 400);
    }

    private static JsonPath awaitJob(ServiceProcess service, String jobId, String expected) {
        return Jobs.awaitEnd(service, jobId, expected, PATIENCE);
    }

    private static JsonPath provision(Map<String, Object> body, String expected) {
        JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(body).post(
                "/api/v1/vdbs").then().statusCode(202).extract().jsonPath();
        awaitJob(provisioning, accepted.getString("jobId"), expected);
        return given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + accepted.getString("id")).then()
                .extract().jsonPath();
    }

    private static Connection connect(String vdb) throws SQLException {
        JsonPath view = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdb).then().extract()
                .jsonPath();
        JsonPath credentials = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdb + "/credentials")
                .then().statusCode(200).extract().jsonPath();
        return DriverManager.getConnection("jdbc:postgresql://" + view.getString("connection.host") + ":" + view
                .getInt("connection.port") + "/" + view.getString("connection.database"), credentials.getString(
                        "user"),
                credentials.getString("password"));
    }

    private static String notes(String vdb) throws SQLException {
        try (Connection connection = connect(vdb);
                ResultSet rows = connection.createStatement().executeQuery(
                        "select string_agg(note, ',' order by id) from visits")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Checks a VDB's rows, showing the end of its engine's log if they are not as expected. */
    private static void assertNotes(String vdb, String expected) throws SQLException {
        String id = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdb).then().extract().path("id");
        assertThat(notes(vdb)).as(Processes.tail(home.path().resolve("provisioning/vdbs/" + id + "/postgres.log"),
                40)).isEqualTo(expected);
    }

    private static void write(String vdb, String note) throws SQLException {
        try (Connection connection = connect(vdb)) {
            connection.createStatement().execute("insert into visits (note) values ('" + note + "')");
        }
    }

    @Test
    void threeVirtualDatabasesInParallelAreIsolatedFromEachOtherAndTheSource() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (String name : List.of("qa1", "qa2", "qa3")) {
            jobs.add(given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", name,
                    "from", Map.of("snapshot", initialSnapshot))).post("/api/v1/vdbs").then().statusCode(202).extract()
                    .path(
                            "jobId"));
        }
        jobs.forEach(job -> awaitJob(provisioning, job, "SUCCEEDED"));
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs").then().statusCode(200)
                .body("findAll { it.name.startsWith('qa') }.status", org.hamcrest.Matchers.everyItem(equalTo(
                        "RUNNING")))
                .body(not(containsString("password")));

        assertThat(notes("qa1")).isEqualTo("at link,before T,after T");
        write("qa1", "only in qa1");
        assertThat(notes("qa1")).endsWith("only in qa1");
        assertThat(notes("qa2")).isEqualTo("at link,before T,after T");
        try (var connection = source.connect("clinic");
                ResultSet rows = connection.createStatement().executeQuery(
                        "select count(*) from visits where note = 'only in qa1'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the source never sees a VDB's writes").isZero();
        }
    }

    @Test
    void theCatalogShowsAVirtualDatabaseWithItsSourceAndFollowsItsStopAndDelete() {
        JsonPath vdb = provision(Map.of("name", "catalogued", "from", Map.of("dataset", sourceId)), "SUCCEEDED");
        String id = vdb.getString("id");

        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(catalog.baseUrl()).get(
                "/api/v1/catalog/datasets/" + id).then().statusCode(200).body("dataset.status", equalTo("RUNNING")));
        JsonPath detail = given().baseUri(catalog.baseUrl()).get("/api/v1/catalog/datasets/" + id).then().extract()
                .jsonPath();
        assertThat(detail.getString("dataset.kind")).isEqualTo("VDB");
        assertThat(detail.getString("dataset.parent")).isEqualTo(sourceId);
        assertThat(detail.getString("dataset.parentSnapshot")).isEqualTo(vdb.getString("snapshot"));
        assertThat(detail.getList("lineage.id", String.class)).containsExactly(sourceId);
        assertThat(detail.getString("lineage[0].name")).isEqualTo("clinic");
        assertThat(detail.getString("lineage[0].status")).isEqualTo("ACTIVE");
        assertThat(detail.getLong("lineage[0].sizeBytes")).isPositive();
        given().baseUri(catalog.baseUrl()).queryParam("kind", "source").get("/api/v1/catalog/datasets").then()
                .body("id", org.hamcrest.Matchers.hasItem(sourceId)).body(not(containsString("password")));

        String stop = given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/" + id + "/stop").then().statusCode(
                202).extract().path("jobId");
        awaitJob(provisioning, stop, "SUCCEEDED");
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(catalog.baseUrl()).get(
                "/api/v1/catalog/datasets/" + id).then().body("dataset.status", equalTo("STOPPED")));
        String job = given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + id).then().statusCode(202)
                .extract().path("jobId");
        awaitJob(provisioning, job, "SUCCEEDED");
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(catalog.baseUrl()).queryParam("parent",
                sourceId).get("/api/v1/catalog/datasets").then().body("id", not(org.hamcrest.Matchers.hasItem(id))));
    }

    @Test
    void refreshBringsTheSourcesNewRowsAndKeepsThePort() throws Exception {
        provisionInitial("refreshed");
        int port = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/refreshed").then().extract().path(
                "connection.port");
        write("refreshed", "lost on refresh");
        source.execute("clinic", "insert into visits (note) values ('new on the source')");
        sync();
        String job = given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/refreshed/refresh").then()
                .statusCode(202)
                .extract().path("jobId");
        awaitJob(provisioning, job, "SUCCEEDED");
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/refreshed").then()
                .body("connection.port", equalTo(port))
                .body("status", equalTo("RUNNING"));
        assertThat(notes("refreshed")).isEqualTo("at link,before T,after T,new on the source");
    }

    @Test
    void rewindReturnsTheDataOfAnEarlierSnapshot() throws Exception {
        provisionInitial("rewound");
        write("rewound", "kept by the snapshot");
        String snapshotJob = given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/rewound/snapshot").then()
                .statusCode(202).extract().path("jobId");
        String taken = awaitJob(provisioning, snapshotJob, "SUCCEEDED").getString("step").replace("snapshot ", "");
        write("rewound", "undone by the rewind");
        String rewind = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                "snapshot", taken)).post("/api/v1/vdbs/rewound/rewind").then().statusCode(202).extract().path("jobId");
        awaitJob(provisioning, rewind, "SUCCEEDED");
        assertNotes("rewound", "at link,before T,after T,kept by the snapshot");

        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("snapshot", "snap-nope"))
                .post("/api/v1/vdbs/rewound/rewind").then().statusCode(404);
    }

    @Test
    void rewindToATimeReplaysTheVirtualDatabasesOwnLog() throws Exception {
        // A VDB's first life begins with its provision; its own WAL is kept from then on.
        provisionInitial("timed");
        write("timed", "before the time");
        Instant time = clockPast(Instant.now().plusMillis(300));
        clockPast(time.plusMillis(300));
        write("timed", "after the time");
        String rewind = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                "timestamp", time.toString())).post("/api/v1/vdbs/timed/rewind").then().statusCode(202).extract().path(
                        "jobId");
        awaitJob(provisioning, rewind, "SUCCEEDED");
        assertNotes("timed", "at link,before T,after T,before the time");
        write("timed", "in the new life");
        assertThat(notes("timed")).endsWith("before the time,in the new life");

        // Each rewind starts the kept log again.
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("timestamp", time
                .toString())).post("/api/v1/vdbs/timed/rewind").then().statusCode(400).body("field", equalTo(
                        "timestamp"))
                .body("detail", containsString("outside the window"));
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("timestamp",
                "yesterday")).post("/api/v1/vdbs/timed/rewind").then().statusCode(400).body("detail", containsString(
                        "ISO-8601"));
    }

    @Test
    void aBookmarkIsRewoundToAndBranchedFromAndKeepsItsSnapshot() throws Exception {
        provisionInitial("tester");
        provisionInitial("bystander");
        write("tester", "bookmarked");
        String snapshotJob = given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/tester/snapshot").then()
                .statusCode(202).extract().path("jobId");
        String taken = awaitJob(provisioning, snapshotJob, "SUCCEEDED").getString("step").replace("snapshot ", "");
        await().atMost(PATIENCE).until(() -> given().baseUri(catalog.baseUrl()).contentType("application/json").body(
                Map.of("name", "probe", "snapshot", taken, "tags", List.of("not a tag"))).post("/api/v1/bookmarks")
                .then().extract().statusCode() == 400);
        JsonPath created = given().baseUri(catalog.baseUrl()).contentType("application/json").body(Map.of("name",
                "before the destructive test", "snapshot", taken, "tags", List.of("qa"), "shared", true)).post(
                        "/api/v1/bookmarks")
                .then().log().ifValidationFails().statusCode(202).extract().jsonPath();
        String bookmark = created.getString("id");
        awaitJob(catalog, created.getString("jobId"), "SUCCEEDED");
        given().baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + taken).then().body("dependents", hasItem(
                "bookmark:" + bookmark));
        String testerId = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/tester").then().extract()
                .path("id");

        // The tester's destructive test, then back to the bookmark.
        write("tester", "destroyed by the test");
        // The provisioning service hears of the bookmark from the catalog: 404 until then; it is not on bystander's timeline.
        await().atMost(PATIENCE).until(() -> given().baseUri(provisioning.baseUrl()).contentType("application/json")
                .body(Map.of("bookmark", bookmark)).post("/api/v1/vdbs/bystander/rewind").then().extract()
                .statusCode() == 400);
        String rewind = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                "bookmark", "before the destructive test")).post("/api/v1/vdbs/tester/rewind").then().log()
                .ifValidationFails().statusCode(202).extract().path("jobId");
        awaitJob(provisioning, rewind, "SUCCEEDED");
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/tester").then().body("snapshot", equalTo(taken));
        assertThat(notes("tester"))
                .as(Processes.tail(home.path().resolve("provisioning/vdbs/" + testerId + "/postgres.log"),
                        60))
                .endsWith("after T,bookmarked");

        // A developer branches a private copy from the shared bookmark.
        JsonPath branch = provision(Map.of("name", "dev-branch", "from", Map.of("bookmark", bookmark)), "SUCCEEDED");
        assertThat(branch.getString("parent")).isEqualTo(testerId);
        assertThat(branch.getString("snapshot")).isEqualTo(taken);
        assertThat(notes("dev-branch")).endsWith("after T,bookmarked");
        write("dev-branch", "only on the branch");
        assertThat(notes("tester")).doesNotContain("only on the branch");

        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("bookmark", bookmark))
                .post("/api/v1/vdbs/bystander/rewind").then().statusCode(400).body("field", equalTo("bookmark")).body(
                        "detail", containsString("not on the timeline"));
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "x0", "from",
                Map.of("bookmark", "no-such-bookmark"))).post("/api/v1/vdbs").then().statusCode(404);

        // Deleting the bookmark releases its snapshot; nothing can be provisioned from it any more.
        String deleted = given().baseUri(catalog.baseUrl()).delete("/api/v1/bookmarks/" + bookmark).then()
                .statusCode(202).extract().path("jobId");
        awaitJob(catalog, deleted, "SUCCEEDED");
        given().baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + taken).then().body("dependents", not(hasItem(
                "bookmark:" + bookmark)));
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(provisioning.baseUrl()).contentType(
                "application/json").body(Map.of("name", "x0", "from", Map.of("bookmark", bookmark))).post(
                        "/api/v1/vdbs")
                .then().statusCode(404));
    }

    @Test
    void aPointInTimeHasTheRowsCommittedBeforeItAndNotAfter() throws Exception {
        JsonPath vdb = provision(Map.of("name", "pitr", "from", Map.of("dataset", sourceId, "timestamp", target
                .toString())), "SUCCEEDED");
        assertThat(vdb.getString("timestamp")).isNotNull();
        assertThat(notes("pitr")).isEqualTo("at link,before T");

        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "too-early",
                "from", Map.of("dataset", sourceId, "timestamp", "2000-01-01T00:00:00Z"))).post("/api/v1/vdbs").then()
                .statusCode(400).body("field", equalTo("from.timestamp")).body("detail", containsString(
                        "outside the window"));
    }

    @Test
    void aDeadEngineIsNoticedAndStartedAgain() throws Exception {
        provisionInitial("mortal");
        try (Connection connection = connect("mortal")) {
            // The VDB inherits the test cluster's synchronous_commit=off: make this commit reach the WAL files before
            // the engine is killed, as any commit a user waits for would.
            connection.createStatement().execute("set synchronous_commit = on; insert into visits (note) values "
                    + "('only in mortal')");
        }
        String path = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/mortal").then().extract().path(
                "connection.path");
        String pid = Files.readAllLines(Path.of(path, "postmaster.pid")).get(0);
        Processes.run(10, List.of("kill", "-9", pid));
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/mortal")
                .then().body("status", equalTo("FAILED")).body("error", containsString("not running")));
        String start = given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/mortal/start").then().statusCode(202)
                .extract().path("jobId");
        awaitJob(provisioning, start, "SUCCEEDED");
        assertThat(notes("mortal")).endsWith("only in mortal");

        String stop = given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/mortal/stop").then().statusCode(202)
                .extract().path("jobId");
        awaitJob(provisioning, stop, "SUCCEEDED");
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/mortal").then().body("status", equalTo("STOPPED"));
        given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/mortal/stop").then().statusCode(409);
    }

    @Test
    void hooksRunOnTheTargetAndAFailingOneLeavesNothingBehind() throws Exception {
        Path marker = home.path().resolve("hook-ran");
        provision(Map.of("name", "hooked", "from", Map.of("dataset", sourceId), "hooks", Map.of("postProvision",
                "echo \"$STRATA_VDB_NAME on $STRATA_VDB_PORT\" > " + marker)), "SUCCEEDED");
        assertThat(Files.readString(marker)).startsWith("hooked on ");

        JsonPath failed = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name",
                "broken", "from", Map.of("dataset", sourceId), "hooks", Map.of("postProvision",
                        "echo refusing; exit 7")))
                .post("/api/v1/vdbs").then().statusCode(202).extract().jsonPath();
        JsonPath job = awaitJob(provisioning, failed.getString("jobId"), "FAILED");
        assertThat(job.getString("error")).contains("postProvision hook of broken failed (exit 7)").contains(
                "refusing");
        String vdbId = failed.getString("id");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(snapshot.baseUrl()).queryParam(
                "dataset", vdbId).get("/api/v1/volumes").then().extract().jsonPath().getList("id")).as(
                        "the clone is given back")
                .isEmpty());
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsMade() {
        provisionInitial("taken");
        int usedPort = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/taken").then().extract().path(
                "connection.port");
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "x1", "from", Map
                .of("snapshot", "snap-unknown"))).post("/api/v1/vdbs").then().statusCode(404);
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "x2", "from", Map
                .of("dataset", "no-such-dataset"))).post("/api/v1/vdbs").then().statusCode(404);
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "x3", "from", Map
                .of("dataset", sourceId), "port", usedPort)).post("/api/v1/vdbs").then().statusCode(409)
                .body("detail", containsString("Port " + usedPort + " is already in use"));
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "taken", "from", Map
                .of("dataset", sourceId))).post("/api/v1/vdbs").then().statusCode(409);
        given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "x4", "from", Map
                .of("dataset", sourceId), "parameters", Map.of("maxConnections", 1))).post("/api/v1/vdbs").then()
                .statusCode(400).body("field", equalTo("parameters.maxConnections"));
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/x3").then().statusCode(404);
    }

    @Test
    void killingTheProvisioningServiceMidProvisionLeavesARunningVdbOrNothing() throws Exception {
        String id = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name",
                "survivor", "from", Map.of("dataset", sourceId))).post("/api/v1/vdbs").then().statusCode(202)
                .extract().path("id");
        provisioning.kill();
        provisioning = startProvisioning();
        await().atMost(PATIENCE).until(() -> {
            String status = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + id).then().extract().path(
                    "status");
            return "RUNNING".equals(status) || "FAILED".equals(status);
        });
        String status = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + id).then().extract().path(
                "status");
        if ("RUNNING".equals(status)) {
            assertThat(notes("survivor")).startsWith("at link");
        } else {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(snapshot.baseUrl()).queryParam(
                    "dataset", id).get("/api/v1/volumes").then().extract().jsonPath().getList("id")).isEmpty());
        }
    }

    @Test
    void killingTheProvisioningServiceAtEachStepLeavesNoEngineBehindAndTenProvisionsFollow() throws Exception {
        // Kill it as soon as the request is in, while the engine is being configured, and while it starts: the
        // restarted operation must end with a running virtual database or with nothing, and never with an engine
        // that no RUNNING virtual database accounts for.
        for (String killWhen : List.of("", "configuring", "starting")) {
            String name = "crash-" + (killWhen.isEmpty() ? "request" : killWhen);
            JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                    "name", name, "from", Map.of("dataset", sourceId))).post("/api/v1/vdbs").then().statusCode(202)
                    .extract().jsonPath();
            if (!killWhen.isEmpty()) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
                    JsonPath job = given().baseUri(provisioning.baseUrl()).get("/api/v1/jobs/" + accepted.getString(
                            "jobId")).then().extract().jsonPath();
                    String step = job.getString("step");
                    return step != null && step.startsWith(killWhen) || !"RUNNING".equals(job.getString("state"))
                            && !"PENDING".equals(job.getString("state"));
                });
            }
            provisioning.kill();
            provisioning = startProvisioning();
            await().atMost(PATIENCE).until(() -> List.of("RUNNING", "FAILED").contains(given().baseUri(provisioning
                    .baseUrl()).get("/api/v1/vdbs/" + accepted.getString("id")).then().extract().path("status")));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(engines()).as("PostgreSQL servers under "
                    + home).isEqualTo(runningVdbs() + 1));
        }
        for (int i = 0; i < 10; i++) {
            JsonPath vdb = provision(Map.of("name", "after-crash-" + i, "from", Map.of("dataset", sourceId)),
                    "SUCCEEDED");
            assertThat(vdb.getString("status")).isEqualTo("RUNNING");
        }
        assertThat(engines()).as("PostgreSQL servers under " + home).isEqualTo(runningVdbs() + 1);
        for (int i = 0; i < 10; i++) {
            String job = given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/after-crash-" + i).then()
                    .statusCode(202).extract().path("jobId");
            awaitJob(provisioning, job, "SUCCEEDED");
        }
    }

    /** The PostgreSQL servers running on data directories under the test's home: the staging copy and the VDBs. */
    private static long engines() {
        return Processes.run(10, List.of("sh", "-c", "pgrep -f '[p]ostgres -D " + home + "' || true")).lines()
                .filter(line -> !line.isBlank()).count();
    }

    private static long runningVdbs() {
        return given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs").then().extract().jsonPath().getList(
                "status").stream().filter("RUNNING"::equals).count();
    }

    @Test
    void deleteGivesEverythingBack() {
        provisionInitial("doomed");
        int port = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/doomed").then().extract().path(
                "connection.port");
        String vdbId = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/doomed").then().extract().path("id");
        String job = given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/doomed").then().log()
                .ifValidationFails().statusCode(202).extract().path("jobId");
        awaitJob(provisioning, job, "SUCCEEDED");
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/doomed").then().statusCode(404);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(snapshot.baseUrl()).queryParam(
                "dataset", vdbId).get("/api/v1/volumes").then().extract().jsonPath().getList("id")).isEmpty());
        provision(Map.of("name", "doomed", "from", Map.of("dataset", sourceId), "port", port), "SUCCEEDED");
    }
}
