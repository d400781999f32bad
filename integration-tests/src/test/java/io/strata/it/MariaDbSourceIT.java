package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.strata.testing.KafkaBroker;
import io.strata.testing.MariaDbServer;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * The MariaDB engine for real, across the ingest, snapshot and provisioning services run as processes: a MariaDB
 * source holding the Chinook database is linked (mariabackup, then a staging replica following it by GTID), a row
 * written on the source reaches the snapshot of the next sync, two virtual databases provisioned from it hold exactly
 * the source's rows and are isolated from each other and from the source, their users log in with the generated
 * passwords, and deleting them and the source leaves no server running. A user without replication privileges is
 * refused, naming what to grant, and leaves nothing behind.
 */
class MariaDbSourceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** Chinook as the source holds it: its genres in order, the tracks' row count and checksum. */
    private static final String FINGERPRINT = "SELECT GROUP_CONCAT(Name ORDER BY GenreId SEPARATOR ',') FROM Genre; "
            + "SELECT COUNT(*) FROM Track; CHECKSUM TABLE Track; SELECT COUNT(*), SUM(Total) FROM Invoice;";

    private static StrataHome home;
    private static MariaDbServer source;
    private static KafkaBroker broker;
    private static ServiceProcess snapshot;
    private static ServiceProcess provisioning;
    private static ServiceProcess ingest;

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        PostgresCluster state = PostgresCluster.shared();
        broker = KafkaBroker.shared();
        String prefix = Backbone.freshPrefix();
        source = MariaDbServer.chinookSource();
        snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs", "strata.snapshot.pool.size",
                "8G", "strata.snapshot.nfs.port", String.valueOf(Ports.free()))).start();
        int ports = Ports.range(61);
        provisioning = ServiceProcess.of("provisioning-service").withDatabase(state).withBroker(broker, prefix).with(
                Map.of("strata.home", home.toString(), "strata.provisioning.ports", ports + "-" + (ports + 40)))
                .start();
        ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.ingest.staging.ports", (ports + 50) + "-" + (ports + 60)))
                .start();
    }

    @AfterAll
    static void stop() {
        try {
            for (ServiceProcess service : new ServiceProcess[]{ingest, provisioning, snapshot}) {
                if (service != null) {
                    service.stop();
                }
            }
            Processes.run(30, List.of("sh", "-c", "pkill -f '" + ownServers() + "' || true"));
        } finally {
            if (source != null) {
                source.close();
            }
            home.close();
        }
    }

    /** A pgrep pattern for the MariaDB servers Strata started under this test's home (not matching pgrep's shell). */
    private static String ownServers() {
        return "[m]ariadbd --defaults-file=" + home;
    }

    private static String ownServersRunning() {
        return Processes.run(30, List.of("sh", "-c", "pgrep -af '" + ownServers() + "' || true")).strip();
    }

    private static Map<String, Object> mariaDbSource(String name, String user, String password) {
        return Map.of("name", name, "engine", "mariadb", "environment", "local", "connection", Map.of("host",
                "127.0.0.1", "port", source.port(), "database", "Chinook", "user", user, "password", password));
    }

    private static JsonPath awaitJob(ServiceProcess service, String jobId, String expected) {
        return Jobs.awaitEnd(service, jobId, expected, PATIENCE);
    }

    /** The newest snapshot of a source: the last of its dataset's timeline. */
    private static String newestSnapshot(String sourceId) {
        List<String> timeline = Snapshots.ids(snapshot, sourceId);
        return timeline.get(timeline.size() - 1);
    }

    /**
     * What the provisioning service answers a request for a VDB of {@code snapshotId} with a buffer pool size it
     * refuses: 404 while it has not heard of the snapshot, 400 once it has (and nothing is provisioned either way).
     */
    private static int probe(String snapshotId) {
        Map<String, Object> refused = Map.of("name", "probe-" + System.nanoTime(), "from", Map.of("snapshot",
                snapshotId), "parameters", Map.of("bufferPoolSize", "lots"));
        return given().baseUri(provisioning.baseUrl()).contentType("application/json").body(refused).post(
                "/api/v1/vdbs").then().extract().statusCode();
    }

    /** Runs SQL in a virtual database as its user, logging in with the generated password. */
    private static String inVdb(String vdbId, String sql) {
        JsonPath view = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId).then().statusCode(200)
                .extract().jsonPath();
        JsonPath credentials = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId + "/credentials")
                .then().statusCode(200).extract().jsonPath();
        return MariaDbServer.query(view.getString("connection.host"), view.getInt("connection.port"), credentials
                .getString("user"), credentials.getString("password"), view.getString("connection.database"), sql);
    }

    private static String onSource(String sql) {
        return source.execute("USE Chinook; " + sql);
    }

    @Test
    void aLinkedSourceIsSyncedAndProvisionedIntoIsolatedVirtualDatabases() {
        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(mariaDbSource(
                "chinook", "linker", "lp")).post("/api/v1/sources").then().log().ifValidationFails().statusCode(202)
                .extract().jsonPath();
        String sourceId = linked.getString("id");
        awaitJob(ingest, linked.getString("jobId"), "SUCCEEDED");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().statusCode(200).body("state",
                equalTo("ACTIVE")).body("staging.running", equalTo(true)).body("snapshots", equalTo(1));
        assertThat(ownServersRunning()).as("the staging replica runs").contains(sourceId);

        onSource("INSERT INTO Genre (GenreId, Name) VALUES (900, 'written before the sync'); "
                + "UPDATE Track SET UnitPrice = 1.29 WHERE TrackId <= 50;");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, sync, "SUCCEEDED");
        String newest = newestSnapshot(sourceId);
        JsonPath snapshotView = given().baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + newest).then()
                .statusCode(200).extract().jsonPath();
        assertThat(snapshotView.getString("metadata.engine")).isEqualTo("mariadb");
        assertThat(snapshotView.getString("metadata.gtid")).as("the snapshot's GTID is the source's").isEqualTo(
                source.execute("SELECT @@gtid_binlog_pos"));
        await().atMost(PATIENCE).until(() -> probe(newest) == 400);

        List<String> vdbs = new ArrayList<>();
        for (String name : List.of("chinook-qa1", "chinook-qa2")) {
            JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                    "name", name, "from", Map.of("snapshot", newest))).post("/api/v1/vdbs").then().log()
                    .ifValidationFails().statusCode(202).extract().jsonPath();
            awaitJob(provisioning, accepted.getString("jobId"), "SUCCEEDED");
            vdbs.add(accepted.getString("id"));
        }
        String expected = onSource(FINGERPRINT);
        assertThat(expected).contains("written before the sync");
        for (String vdb : vdbs) {
            assertThat(inVdb(vdb, FINGERPRINT)).as("virtual database " + vdb + " holds the source's rows").isEqualTo(
                    expected);
        }

        inVdb(vdbs.get(0), "INSERT INTO Genre (GenreId, Name) VALUES (901, 'only in the first'); DELETE FROM "
                + "InvoiceLine WHERE InvoiceId = 1;");
        assertThat(inVdb(vdbs.get(0), "SELECT COUNT(*) FROM Genre WHERE GenreId = 901")).isEqualTo("1");
        assertThat(inVdb(vdbs.get(1), FINGERPRINT + "SELECT COUNT(*) FROM InvoiceLine")).as("the other VDB")
                .isEqualTo(expected + "\n" + onSource("SELECT COUNT(*) FROM InvoiceLine"));
        assertThat(onSource("SELECT COUNT(*) FROM Genre WHERE GenreId = 901")).as("the source").isEqualTo("0");

        for (String vdb : vdbs) {
            awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + vdb).then()
                    .statusCode(202).extract().path("jobId"), "SUCCEEDED");
        }
        awaitJob(ingest, given().baseUri(ingest.baseUrl()).delete("/api/v1/sources/" + sourceId).then().statusCode(
                202).extract().path("jobId"), "SUCCEEDED");
        assertThat(ownServersRunning()).as("no staging replica or virtual database server is left").isEmpty();
        assertThat(onSource("SELECT COUNT(*) FROM Genre WHERE GenreId = 900")).as("the source is untouched")
                .isEqualTo("1");
    }

    /**
     * A source linked with logSync: a VDB at a moment between two snapshots holds what the source held then (a row
     * written before it, not one written after it), replayed from the staging replica's binary log; and rewound to a
     * moment of its own, it holds its own writes before that moment and not those after. The kept log shrinks with the
     * snapshots.
     */
    @Test
    void aMomentBetweenTwoSnapshotsOfASourceWithLogSyncHoldsWhatTheSourceHeldThen() throws Exception {
        Map<String, Object> body = new HashMap<>(mariaDbSource("chinook-pitr", "linker", "lp"));
        body.put("logSync", true);
        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(body).post(
                "/api/v1/sources").then().log().ifValidationFails().statusCode(202).extract().jsonPath();
        String sourceId = linked.getString("id");
        awaitJob(ingest, linked.getString("jobId"), "SUCCEEDED");

        onSource("INSERT INTO Genre (GenreId, Name) VALUES (910, 'before the moment');");
        Instant moment = VirtualDatabaseIT.clockPast(Instant.now().plusMillis(1500));
        VirtualDatabaseIT.clockPast(moment.plusMillis(1500));
        onSource("INSERT INTO Genre (GenreId, Name) VALUES (911, 'after the moment'); UPDATE Genre SET Name = "
                + "'renamed after the moment' WHERE GenreId = 910;");
        awaitJob(ingest, given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId"), "SUCCEEDED");

        Map<String, Object> atMoment = Map.of("name", "chinook-at-moment", "from", Map.of("dataset", sourceId,
                "timestamp", moment.toString()));
        // The provisioning service hears of the log's window from an event: until then the moment is refused.
        AtomicReference<JsonPath> accepted = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            var answer = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(atMoment)
                    .post("/api/v1/vdbs").then().extract();
            if (answer.statusCode() == 202) {
                accepted.set(answer.jsonPath());
            }
            return answer.statusCode() != 400;
        });
        assertThat(accepted.get()).as("the moment's request was accepted").isNotNull();
        awaitJob(provisioning, accepted.get().getString("jobId"), "SUCCEEDED");
        String vdb = accepted.get().getString("id");
        assertThat(inVdb(vdb, "SELECT GROUP_CONCAT(Name ORDER BY GenreId) FROM Genre WHERE GenreId >= 910"))
                .isEqualTo("before the moment");
        assertThat(onSource("SELECT GROUP_CONCAT(Name ORDER BY GenreId) FROM Genre WHERE GenreId >= 910")).isEqualTo(
                "renamed after the moment,after the moment");

        // Its own moments: a snapshot of it, a write, the moment, another write; the rewind keeps the first two.
        inVdb(vdb, "INSERT INTO Genre (GenreId, Name) VALUES (920, 'mine, snapshotted');");
        awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/" + vdb + "/snapshot")
                .then().statusCode(202).extract().path("jobId"), "SUCCEEDED");
        inVdb(vdb, "INSERT INTO Genre (GenreId, Name) VALUES (922, 'mine, before my moment');");
        Instant own = VirtualDatabaseIT.clockPast(Instant.now().plusMillis(1500));
        VirtualDatabaseIT.clockPast(own.plusMillis(1500));
        inVdb(vdb, "INSERT INTO Genre (GenreId, Name) VALUES (921, 'mine, after my moment');");
        awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                "timestamp", own.toString())).post("/api/v1/vdbs/" + vdb + "/rewind").then().log()
                .ifValidationFails().statusCode(202).extract().path("jobId"), "SUCCEEDED");
        assertThat(inVdb(vdb, "SELECT GROUP_CONCAT(Name ORDER BY GenreId) FROM Genre WHERE GenreId >= 910"))
                .isEqualTo("before the moment,mine, snapshotted,mine, before my moment");

        awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + vdb).then()
                .statusCode(202).extract().path("jobId"), "SUCCEEDED");
        theKeptBinaryLogShrinksWithTheSnapshots(sourceId);
        awaitJob(ingest, given().baseUri(ingest.baseUrl()).delete("/api/v1/sources/" + sourceId).then().statusCode(
                202).extract().path("jobId"), "SUCCEEDED");
    }

    /**
     * The staging replica starts a new binary log file, a sync takes a third snapshot in it; once the first two
     * snapshots are deleted, the files before the third snapshot's are purged, and its own stays.
     */
    private static void theKeptBinaryLogShrinksWithTheSnapshots(String sourceId) throws Exception {
        List<String> earlier = Snapshots.ids(snapshot, sourceId);
        String binlogs = given().baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + earlier.get(0)).then()
                .extract().path("metadata.walArchive");
        String work = Path.of(binlogs).getParent().toString();
        Processes.run(60, List.of("mariadb", "--protocol=SOCKET", "--socket=" + work + "/run/mariadbd.sock",
                "--user=root", "-e", "FLUSH BINARY LOGS"));
        onSource("INSERT INTO Genre (GenreId, Name) VALUES (930, 'in the new log file');");
        String third = Snapshots.sync(ingest, snapshot, sourceId, earlier.size() + 1, PATIENCE);
        String logFrom = given().baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + third).then().extract().path(
                "metadata.logFrom");
        assertThat(logsBefore(Path.of(binlogs), logFrom)).as("binary logs before " + logFrom).isNotEmpty();
        earlier.forEach(old -> Snapshots.deleteWhenUnused(snapshot, old, PATIENCE));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(logsBefore(Path.of(binlogs), logFrom)).as(
                "binary logs before " + logFrom + " once the snapshots before it are deleted").isEmpty());
        assertThat(Path.of(binlogs, logFrom)).as("the third snapshot's binary log").exists();
    }

    /** The binary log files ({@code name.NNNNNN}) of a directory that come before {@code file}. */
    private static List<String> logsBefore(Path directory, String file) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.matches(".+\\.\\d{6}")
                    && name.compareTo(file) < 0).toList();
        }
    }

    @Test
    void aUserWithoutReplicationPrivilegesAWrongPasswordOrAnUnknownDatabaseAreRefusedAndNothingIsLeft() {
        source.execute("CREATE USER reader@'%' IDENTIFIED BY 'rp'; GRANT SELECT ON Chinook.* TO reader@'%';");
        Map<String, Object> body = new HashMap<>(mariaDbSource("weak", "reader", "rp"));

        given().baseUri(ingest.baseUrl()).contentType("application/json").body(body).post("/api/v1/sources").then()
                .statusCode(400)
                .body("detail", allOf(containsString("RELOAD"), containsString("PROCESS"), containsString(
                        "REPLICATION SLAVE"),
                        containsString("REPLICATION CLIENT"), containsString("GRANT")));
        given().baseUri(ingest.baseUrl()).contentType("application/json").body(mariaDbSource("wrong-password",
                "linker", "not-the-password")).post("/api/v1/sources").then().statusCode(400).body("detail",
                        containsString("password was refused"));
        Map<String, Object> unknownDatabase = new HashMap<>(mariaDbSource("no-such-database", "linker", "lp"));
        unknownDatabase.put("connection", Map.of("host", "127.0.0.1", "port", source.port(), "database", "Nowhere",
                "user", "linker", "password", "lp"));
        given().baseUri(ingest.baseUrl()).contentType("application/json").body(unknownDatabase).post(
                "/api/v1/sources").then().statusCode(400).body("detail", containsString("database does not exist"));

        List<String> linked = given().baseUri(ingest.baseUrl()).get("/api/v1/sources").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class);
        assertThat(given().baseUri(ingest.baseUrl()).get("/api/v1/sources").then().extract().jsonPath().getList(
                "name", String.class)).doesNotContain("weak", "wrong-password", "no-such-database");
        Path staging = home.path().resolve("ingest/staging");
        try (var directories = java.nio.file.Files.exists(staging)
                ? java.nio.file.Files.list(staging)
                : java.util.stream.Stream.<Path>empty()) {
            assertThat(directories.map(dir -> dir.getFileName().toString())).as("no staging work directory but "
                    + "those of linked sources").allMatch(linked::contains);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(ownServersRunning()).as("no staging replica runs for a refused source").doesNotContainPattern(
                "--defaults-file=" + staging + "/(?!(" + String.join("|", linked) + ")/)");
    }

    /** A server without a binary log cannot be followed: a 400 says so and how to turn it on, and nothing is made. */
    @Test
    void aSourceWithoutBinaryLoggingIsRefusedSayingHowToTurnItOn() {
        try (MariaDbServer unlogged = MariaDbServer.start(false)) {
            unlogged.execute("CREATE DATABASE shop; CREATE USER linker@'%' IDENTIFIED BY 'lp'; GRANT RELOAD, PROCESS, "
                    + "REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO linker@'%'; GRANT SELECT ON shop.* TO "
                    + "linker@'%';");

            given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name", "unlogged",
                    "engine", "mariadb", "environment", "local", "connection", Map.of("host", "127.0.0.1", "port",
                            unlogged.port(), "database", "shop", "user", "linker", "password", "lp")))
                    .post("/api/v1/sources").then().statusCode(400).body("detail", allOf(containsString(
                            "Binary logging is off"), containsString("log-bin")));

            assertThat(given().baseUri(ingest.baseUrl()).get("/api/v1/sources").then().statusCode(200).extract()
                    .jsonPath().getList("name", String.class)).doesNotContain("unlogged");
        }
    }

    /**
     * The provisioning service killed (SIGKILL) while a virtual database's mariadbd is starting: once it is back, the
     * resumed provisioning stops or adopts that server, so that exactly one server runs for the virtual database, it
     * serves the source's rows with the generated password, and deleting it leaves none.
     */
    @Test
    void aServiceKilledWhileAServerStartsLeavesNoOrphanOnceItIsBack() {
        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(mariaDbSource(
                "crashing", "linker", "lp")).post("/api/v1/sources").then().log().ifValidationFails().statusCode(202)
                .extract().jsonPath();
        String sourceId = linked.getString("id");
        awaitJob(ingest, linked.getString("jobId"), "SUCCEEDED");
        String first = newestSnapshot(sourceId);
        await().atMost(PATIENCE).until(() -> probe(first) == 400);

        JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                "name", "crashing-qa", "from", Map.of("snapshot", first))).post("/api/v1/vdbs").then().log()
                .ifValidationFails().statusCode(202).extract().jsonPath();
        String vdbId = accepted.getString("id");
        String server = "[m]ariadbd --defaults-file=" + home + "/provisioning/vdbs/" + vdbId + "/";
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> !servers(server).isEmpty());
        provisioning.kill();
        assertThat(servers(server)).as("the server the killed service was starting").hasSize(1);

        provisioning.start();
        awaitJob(provisioning, accepted.getString("jobId"), "SUCCEEDED");
        assertThat(provisioning.log()).as("the restarted service resumed the provisioning where it was killed")
                .containsPattern("Resuming \\S+ of " + vdbId + " at CONFIGURE");
        assertThat(servers(server)).as("one server for the virtual database, no orphan").hasSize(1);
        assertThat(inVdb(vdbId, FINGERPRINT)).isEqualTo(onSource(FINGERPRINT));

        awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + vdbId).then()
                .statusCode(202).extract().path("jobId"), "SUCCEEDED");
        assertThat(servers(server)).as("no server once it is deleted").isEmpty();
        awaitJob(ingest, given().baseUri(ingest.baseUrl()).delete("/api/v1/sources/" + sourceId).then().statusCode(
                202).extract().path("jobId"), "SUCCEEDED");
    }

    /** The processes matching a pgrep pattern, one line each. */
    private static List<String> servers(String pattern) {
        return Processes.run(30, List.of("sh", "-c", "pgrep -af '" + pattern + "' || true")).lines().filter(
                line -> !line.isBlank()).toList();
    }
}
