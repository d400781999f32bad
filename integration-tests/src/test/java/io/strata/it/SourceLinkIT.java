package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;
import io.strata.engine.Repository;
import io.strata.engine.VirtualDatabase;
import io.strata.engine.postgresql.PostgresPlugin;
import io.strata.hosts.LocalHost;
import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.SshServer;
import io.strata.testing.StrataHome;
import io.strata.testing.TopicClient;

/**
 * Linking and syncing for real, across the ingest, snapshot and provisioning services run as processes: a
 * PostgreSQL source followed by a staging standby, a row written on the source and read back from the newest
 * snapshot, the ingest service killed during a sync, resync, disable/enable, a file tree copied over SSH, and a
 * delete that leaves nothing on the source.
 */
class SourceLinkIT {

    /** The end of the log of the last check clone that {@code query} started. */
    private static volatile String lastCheckLog = "";
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final EventCodec CODEC = new EventCodec();

    private static StrataHome home;
    private static PostgresCluster source;
    private static KafkaBroker broker;
    private static String prefix;
    private static Map<String, String> ingestConfig;
    private static ServiceProcess snapshot;
    private static ServiceProcess provisioning;
    private static ServiceProcess ingest;

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        PostgresCluster state = PostgresCluster.shared();
        broker = KafkaBroker.shared();
        prefix = Backbone.freshPrefix();
        // Full-page writes as on a production server: after a checkpoint, changes scattered over a table fill the
        // WAL with page images, which the standby must replay and a sync must flush.
        source = PostgresCluster.start(Map.of("full_page_writes", "on"));
        source.execute("postgres", "create database appdb", "create role linker login replication password 'lp'");
        source.execute("appdb", "create table visits (id serial primary key, note text)",
                "insert into visits (note) values ('before link')", "grant select on visits to linker");
        snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs", "strata.snapshot.pool.size",
                "8G", "strata.snapshot.nfs.port", String.valueOf(Ports.free()))).start();
        provisioning = ServiceProcess.of("provisioning-service").withDatabase(state).withBroker(broker, prefix)
                .with("strata.home", home.toString()).start();
        int firstPort = Ports.range(51);
        ingestConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        ingestConfig.putAll(Map.of("strata.home", home.toString(), "strata.ingest.staging.ports", firstPort + "-"
                + (firstPort + 50)));
        ingest = startIngest();
    }

    private static ServiceProcess startIngest() {
        return ServiceProcess.of("ingest-service").with(ingestConfig).withBroker(broker, prefix).start();
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess service : new ServiceProcess[]{ingest, provisioning, snapshot}) {
            if (service != null) {
                service.stop();
            }
        }
        // Staging standbys are separate postgres processes: stop any the tests left.
        Processes.run(30, List.of("sh", "-c", "pkill -f '" + notItself("postgres -D " + home) + "' || true"));
        source.close();
        home.close();
    }

    private static JsonPath awaitJob(ServiceProcess service, String jobId, String expected) {
        return Jobs.awaitEnd(service, jobId, expected, PATIENCE);
    }

    private static List<String> timeline(String dataset) {
        return Snapshots.ids(snapshot, dataset);
    }

    private static Map<String, Object> postgresSource(String name) {
        return postgresSource(name, "appdb");
    }

    private static Map<String, Object> postgresSource(String name, String database) {
        return Map.of("name", name, "engine", "postgresql", "environment", "local", "connection", Map.of("host",
                "127.0.0.1", "port", source.port(), "database", database, "user", "linker", "password", "lp"));
    }

    /**
     * A database of the test's own on the source cluster, named {@code name}, with a table of visits holding the row
     * {@code before link}: each test links its own, so that no test depends on what another did.
     */
    private static void createDatabase(String name) {
        source.execute("postgres", "create database " + name);
        source.execute(name, "create table visits (id serial primary key, note text)",
                "insert into visits (note) values ('before link')", "grant select on visits to linker");
    }

    /** Links source {@code name} of its own database {@code name}; returns the source's id once linked. */
    private static String linkFresh(String name) {
        createDatabase(name);
        var accepted = given().baseUri(ingest.baseUrl()).contentType("application/json").body(postgresSource(name,
                name)).post("/api/v1/sources").then().statusCode(202).extract().jsonPath();
        awaitJob(ingest, accepted.getString("jobId"), "SUCCEEDED");
        return accepted.getString("id");
    }

    @Test
    void aPostgresSourceIsLinkedWithAStagingStandby() {
        createDatabase("patients");
        var accepted = given().baseUri(ingest.baseUrl()).contentType("application/json").body(postgresSource(
                "patients", "patients")).post("/api/v1/sources").then().statusCode(202).extract().jsonPath();
        String sourceId = accepted.getString("id");
        awaitJob(ingest, accepted.getString("jobId"), "SUCCEEDED");

        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("staging.running", equalTo(true)).body("snapshots", equalTo(1))
                .body("parameters.connection.password", org.hamcrest.Matchers.nullValue());
        assertThat(timeline(sourceId)).hasSize(1);
        try (var connection = source.connect("postgres");
                ResultSet slots = connection.createStatement()
                        .executeQuery("select count(*) from pg_replication_slots where active and slot_name = 'strata_"
                                + sourceId.replace('-', '_') + "'")) {
            slots.next();
            assertThat(slots.getInt(1)).as("the standby streams through its slot").isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPasswordRotatedOnTheSourceIsCheckedAndTheStandbyStreamsWithIt() {
        source.execute("postgres", "create role rotator login replication password 'first-pw-1'");
        createDatabase("rotation");
        source.execute("rotation", "grant select on visits to rotator");
        Map<String, Object> request = new HashMap<>(postgresSource("rotation", "rotation"));
        request.put("connection", Map.of("host", "127.0.0.1", "port", source.port(), "database", "rotation", "user",
                "rotator", "password", "first-pw-1"));
        var accepted = given().baseUri(ingest.baseUrl()).contentType("application/json").body(request).post(
                "/api/v1/sources").then().statusCode(202).extract().jsonPath();
        awaitJob(ingest, accepted.getString("jobId"), "SUCCEEDED");
        String path = "/api/v1/sources/" + accepted.getString("id") + "/credentials";

        given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("connection", Map.of(
                "password", "second-pw-2", "user", "someone"))).put(path).then().statusCode(400)
                .body("detail", containsString("secret fields and nothing else"));
        given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("connection", Map.of(
                "password", "second-pw-2"))).put(path).then().statusCode(400).body("detail",
                        containsString("password was refused"));

        source.execute("postgres", "alter role rotator password 'second-pw-2'");
        given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("connection", Map.of(
                "password", "second-pw-2"))).put(path).then().statusCode(200).body("state",
                        equalTo("ACTIVE"))
                .body(not(containsString("second-pw-2")));
        // The standby's stream is cut: the sync completes only once it has logged in again, with the new password.
        source.execute("postgres", "select pg_terminate_backend(pid) from pg_stat_replication where usename = "
                + "'rotator'");
        source.execute("rotation", "insert into visits (note) values ('after the rotation')");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + accepted.getString("id") + "/sync")
                .then().statusCode(202).extract().path("jobId");
        awaitJob(ingest, sync, "SUCCEEDED");
        assertThat(query(timeline(accepted.getString("id")).get(1), "select string_agg(note, ',' order by id) from "
                + "visits", "rotation")).isEqualTo("before link,after the rotation");
        assertThat(ingest.log()).doesNotContain("second-pw-2");
    }

    @Test
    void aRowWrittenOnTheSourceIsInTheSnapshotOfTheNextSync() {
        String sourceId = linkFresh("rows");
        source.execute("rows", "insert into visits (note) values ('written before the sync')");
        String jobId = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, jobId, "SUCCEEDED");
        List<String> snapshots = timeline(sourceId);
        assertThat(snapshots).hasSize(2);

        assertThat(query(snapshots.get(1), "select string_agg(note, ',' order by id) from visits", "rows"))
                .as(() -> "the check clone's log:\n" + lastCheckLog).isEqualTo("before link,written before the sync");
        assertThat(query(snapshots.get(0), "select string_agg(note, ',' order by id) from visits", "rows"))
                .isEqualTo("before link");
    }

    /**
     * Every table of a database as one line each: its name, row count and the md5 of its rows in order, the same
     * query on the source and on a clone of a snapshot.
     */
    private static final String CHECKSUMS = "select string_agg(c.relname || ' ' || (xpath('/row/c/text()', "
            + "query_to_xml(format('select count(*) || '' '' || coalesce(md5(string_agg(t::text, '','' order by "
            + "t::text)), '''') as c from %I.%I t', n.nspname, c.relname), false, true, '')))[1]::text, E'\\n' order "
            + "by c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and "
            + "n.nspname = 'public'";

    private static String sourceChecksums(String database) throws SQLException {
        try (var connection = source.connect(database);
                ResultSet result = connection.createStatement().executeQuery(CHECKSUMS)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String syncedSnapshot(String sourceId) {
        String jobId = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, jobId, "SUCCEEDED");
        List<String> snapshots = timeline(sourceId);
        return snapshots.get(snapshots.size() - 1);
    }

    @Test
    void aSnapshotHoldsExactlyWhatTheSourceHeldAfterEachKindOfChange() throws SQLException {
        source.execute("postgres", "create database exact2");
        source.execute("exact2", "create table notes (id int primary key, body text)",
                "insert into notes select i, 'note ' || i from generate_series(1, 1000) i");
        String sourceId = linkFresh("exact");
        source.execute("exact", "create table accounts (id int primary key, balance int not null, filler text)",
                "insert into accounts select i, 0, repeat('x', 80) from generate_series(1, 200000) i", "checkpoint");
        assertThat(query(syncedSnapshot(sourceId), CHECKSUMS, "exact")).as(() -> "after a bulk load; the check "
                + "clone's log:\n" + lastCheckLog).isEqualTo(sourceChecksums("exact"));

        // A few scattered rows: little WAL, so no CHECKPOINT on the source; a clone redoes from an older one.
        source.execute("exact", "update accounts set balance = balance + 1 where id % 1000 = 0");
        String few = syncedSnapshot(sourceId);
        assertThat(query(few, CHECKSUMS, "exact")).as(() -> "after a few scattered rows; the snapshot: " + given()
                .baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + few).asString() + "; the check clone's log:\n"
                + lastCheckLog).isEqualTo(sourceChecksums("exact"));

        // A tenth of the rows, scattered: a page image of every page, well over the WAL that asks for a CHECKPOINT.
        source.execute("exact", "update accounts set balance = balance + 1 where id % 10 = 0");
        assertThat(query(syncedSnapshot(sourceId), CHECKSUMS, "exact")).as(() -> "after most pages changed; the "
                + "check clone's log:\n" + lastCheckLog).isEqualTo(sourceChecksums("exact"));

        // Rows in, rows out and a new column in the cluster's other database: the standby copies the whole cluster.
        source.execute("exact2", "delete from notes where id % 3 = 0", "insert into notes select i, 'late ' || i "
                + "from generate_series(1001, 1500) i", "alter table notes add column seen boolean default true",
                "create table tags (note_id int references notes, tag text)", "insert into tags values (1, 'a')");
        String last = syncedSnapshot(sourceId);
        assertThat(query(last, CHECKSUMS, "exact2")).as("the other database").isEqualTo(sourceChecksums("exact2"));
        assertThat(query(last, CHECKSUMS, "exact")).isEqualTo(sourceChecksums("exact"));
    }

    @Test
    void aStagingCopyThatRanWithoutFsyncWhenItsHostStoppedIsRefusedUntilLoadedAgain() throws Exception {
        String sourceId = linkFresh("torn");
        String stagingPath = given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().extract()
                .path("staging.path");
        // What a crash of the host leaves: the standby gone without a shutdown (an immediate stop leaves its control
        // file as a crash does), and a new boot, played by the note the standby keeps of the boot it started in.
        Processes.run(60, List.of("runuser", "-u", "postgres", "--", PostgresCluster.binDir() + "/pg_ctl", "-D",
                stagingPath, "-m", "immediate", "-w", "stop"));
        Files.writeString(home.path().resolve("ingest/staging/" + sourceId + "/started-in-boot"), UUID.randomUUID()
                + "\n");

        awaitJob(ingest, given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/disable").then()
                .statusCode(202).extract().path("jobId"), "SUCCEEDED");
        JsonPath refused = awaitJob(ingest, given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId
                + "/enable").then().statusCode(202).extract().path("jobId"), "FAILED");
        assertThat(refused.getString("error")).contains("without fsync", "cannot be trusted", "\"resync\": true");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().body("staging.running",
                equalTo(false));

        source.execute("torn", "insert into visits (note) values ('after the crash')");
        awaitJob(ingest, given().baseUri(ingest.baseUrl()).contentType("application/json").body("{\"resync\": "
                + "true}").post("/api/v1/sources/" + sourceId + "/sync").then().statusCode(202).extract().path(
                        "jobId"),
                "SUCCEEDED");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().body("state", equalTo("ACTIVE"))
                .body("staging.running", equalTo(true));
        assertThat(query(syncedSnapshot(sourceId), "select string_agg(note, ',' order by id) from visits", "torn"))
                .isEqualTo("before link,after the crash");
    }

    @Test
    void aSourceWhoseServerIsGoneIsDeletedOnlyWhenForced() {
        PostgresCluster gone = PostgresCluster.start(Map.of());
        gone.execute("postgres", "create database gone", "create role linker login replication password 'lp'");
        var accepted = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name", "gone",
                "engine", "postgresql", "environment", "local", "connection", Map.of("host", "127.0.0.1", "port",
                        gone.port(), "database", "gone", "user", "linker", "password", "lp")))
                .post("/api/v1/sources")
                .then().statusCode(202).extract().jsonPath();
        String sourceId = accepted.getString("id");
        awaitJob(ingest, accepted.getString("jobId"), "SUCCEEDED");
        String stagingPath = given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().extract()
                .path("staging.path");
        gone.close();

        awaitJob(ingest, given().baseUri(ingest.baseUrl()).delete("/api/v1/sources/" + sourceId).then().statusCode(
                202).extract().path("jobId"), "FAILED");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().statusCode(200).body("state",
                equalTo("DELETING")).body("error", org.hamcrest.Matchers.containsString("?force=true"));
        given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then().statusCode(409);
        JsonPath forced = awaitJob(ingest, given().baseUri(ingest.baseUrl()).queryParam("force", true).delete(
                "/api/v1/sources/" + sourceId).then().statusCode(202).extract().path("jobId"), "SUCCEEDED");
        assertThat(forced.getString("step")).doesNotContain("lp");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().statusCode(404);
        assertThat(Processes.run(30, List.of("sh", "-c", "pgrep -f '" + notItself("postgres -D " + stagingPath)
                + "' || true"))).as("no staging standby runs").isBlank();
    }

    @Test
    void killingTheIngestServiceDuringASyncDuplicatesNothing() {
        String sourceId = linkFresh("crash");
        int before = timeline(sourceId).size();
        String interrupted = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        ingest.kill();
        ingest = startIngest();
        awaitJob(ingest, interrupted, "SUCCEEDED");
        String next = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, next, "SUCCEEDED");

        List<String> snapshots = timeline(sourceId);
        assertThat(snapshots).hasSize(before + 2).doesNotHaveDuplicates();
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().body("snapshots", equalTo(before
                + 2));
    }

    @Test
    void aResyncLoadsANewVolumeAndKeepsTheTimeline() {
        String sourceId = linkFresh("resynced");
        List<String> before = timeline(sourceId);
        String jobId = given().baseUri(ingest.baseUrl()).contentType("application/json").body("{\"resync\": true}")
                .post("/api/v1/sources/" + sourceId + "/sync").then().statusCode(202).extract().path("jobId");
        awaitJob(ingest, jobId, "SUCCEEDED");
        List<String> after = timeline(sourceId);
        assertThat(after).hasSize(before.size() + 1).containsAll(before);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(snapshot.baseUrl()).queryParam(
                "dataset", sourceId).get("/api/v1/volumes").then().extract().jsonPath().getList("id")).as(
                        "the replaced volume is given back")
                .hasSize(1));
        source.execute("resynced", "insert into visits (note) values ('after resync')");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, sync, "SUCCEEDED");
        List<String> latest = timeline(sourceId);
        assertThat(query(latest.get(latest.size() - 1), "select count(*) from visits where note = 'after resync'",
                "resynced"))
                .as(() -> "the check clone's log:\n" + lastCheckLog).isEqualTo("1");
    }

    @Test
    void aDisabledSourceRefusesSyncsUntilEnabled() {
        String sourceId = linkFresh("disabled");
        String disabling = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/disable").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, disabling, "SUCCEEDED");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then()
                .body("state", equalTo("DISABLED")).body("staging.running", equalTo(false));
        given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("enable it first"));
        String enabling = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/enable").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, enabling, "SUCCEEDED");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then()
                .body("state", equalTo("ACTIVE")).body("staging.running", equalTo(true));
    }

    @Test
    void aSyncPolicyIsScheduled() {
        Map<String, Object> scheduled = new HashMap<>(postgresSource("scheduled"));
        scheduled.put("syncPolicy", Map.of("cron", "*/5 * * * *"));
        var linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(scheduled).post(
                "/api/v1/sources").then().statusCode(202).extract().jsonPath();
        awaitJob(ingest, linked.getString("jobId"), "SUCCEEDED");
        String next = given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + linked.getString("id")).then()
                .body("syncPolicy", equalTo("*/5 * * * *")).extract().path("nextSyncAt");
        java.time.Instant nextSync = java.time.Instant.parse(next);
        assertThat(nextSync).isAfter(java.time.Instant.now()).isBefore(java.time.Instant.now().plus(Duration
                .ofMinutes(5).plusSeconds(5)));
        assertThat(nextSync.atZone(java.time.ZoneOffset.UTC).getMinute() % 5).isZero();
        String delete = given().baseUri(ingest.baseUrl()).delete("/api/v1/sources/" + linked.getString("id")).then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, delete, "SUCCEEDED");
    }

    @Test
    void withLogSyncAnyMomentBetweenSnapshotsCanBeRecovered() throws Exception {
        source.execute("postgres", "create database billing");
        source.execute("billing", "create table invoices (id serial primary key, note text)",
                "grant execute on function pg_switch_wal() to linker");
        Map<String, Object> body = new HashMap<>(postgresSource("billing"));
        body.put("connection", Map.of("host", "127.0.0.1", "port", source.port(), "database", "billing", "user",
                "linker", "password", "lp"));
        body.put("logSync", true);
        var linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(body).post(
                "/api/v1/sources").then().statusCode(202).extract().jsonPath();
        String billing = linked.getString("id");
        awaitJob(ingest, linked.getString("jobId"), "SUCCEEDED");

        source.execute("billing", "insert into invoices (note) values ('committed before T')");
        java.time.Instant target = VirtualDatabaseIT.clockPast(java.time.Instant.now().plusMillis(1100));
        VirtualDatabaseIT.clockPast(target.plusMillis(1100));
        source.execute("billing", "insert into invoices (note) values ('committed after T')");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + billing + "/sync").then()
                .statusCode(202).extract().path("jobId");
        awaitJob(ingest, sync, "SUCCEEDED");

        JsonPath timeline = await().atMost(PATIENCE).until(() -> given().baseUri(snapshot.baseUrl()).get(
                "/api/v1/datasets/" + billing + "/timeline").then().extract().jsonPath(),
                t -> t.get("window.to") != null && t.getList("snapshots").size() == 2);
        java.time.Instant from = java.time.Instant.parse(timeline.getString("window.from"));
        java.time.Instant to = java.time.Instant.parse(timeline.getString("window.to"));
        assertThat(target).isAfter(from).isBefore(to);
        String archive = timeline.getString("window.archive");
        try (var files = Files.list(Path.of(archive))) {
            assertThat(files.count()).as("WAL segments kept in " + archive).isGreaterThan(0);
        }

        // Point in time: the first snapshot, replayed from the kept WAL up to T.
        String first = timeline.getList("snapshots.id", String.class).get(0);
        assertThat(query(first, "select string_agg(note, ',' order by id) from invoices", target, archive, "billing"))
                .isEqualTo("committed before T");
        theKeptWalShrinksWithTheSnapshots(billing, first, timeline.getList("snapshots.id", String.class).get(1),
                Path.of(archive));
    }

    /**
     * A checkpoint on the source and a third sync move the standby's restartpoint on; then the first two snapshots
     * deleted: the WAL segments before the one the third snapshot's clones recover from go, that one and later ones
     * stay, the window of moments starts at the third snapshot, and a moment after it is still recovered.
     */
    private static void theKeptWalShrinksWithTheSnapshots(String sourceId, String first, String second, Path archive)
            throws Exception {
        source.execute("billing", "insert into invoices (note) values ('after the checkpoint')", "checkpoint");
        String third = Snapshots.sync(ingest, snapshot, sourceId, 3, PATIENCE);
        JsonPath thirdView = given().baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + third).then().statusCode(
                200).extract().jsonPath();
        String logFrom = thirdView.getString("metadata.logFrom");
        assertThat(logFrom).as("the third snapshot's first WAL segment").matches("[0-9A-F]{24}");
        assertThat(segmentsBefore(archive, logFrom)).as("segments before " + logFrom).isNotEmpty();
        // The check clone of the first snapshot is deleted by an event: until then the snapshot is in use.
        List.of(first, second).forEach(old -> Snapshots.deleteWhenUnused(snapshot, old, PATIENCE));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(segmentsBefore(archive, logFrom)).as(
                "segments before " + logFrom + " once the snapshots before it are deleted").isEmpty());
        try (var files = Files.list(archive)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("the kept WAL").contains(logFrom);
        }
        java.time.Instant thirdAt = java.time.Instant.parse(thirdView.getString("positionTime"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(java.time.Instant.parse(given().baseUri(snapshot
                .baseUrl()).get("/api/v1/datasets/" + sourceId + "/timeline").then().extract().path("window.from")))
                .as("the window of moments starts at the oldest snapshot left").isEqualTo(thirdAt));
        source.execute("billing", "insert into invoices (note) values ('after the trim')");
        java.time.Instant moment = VirtualDatabaseIT.clockPast(java.time.Instant.now().plusMillis(1100));
        VirtualDatabaseIT.clockPast(moment.plusMillis(1100));
        awaitJob(ingest, given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId"), "SUCCEEDED");
        assertThat(query(third, "select string_agg(note, ',' order by id) from invoices", moment, archive
                .toString(), "billing")).as(lastCheckLog).isEqualTo(
                        "committed before T,committed after T,after the checkpoint,after the trim");
    }

    /** The WAL segments of the archive whose place in the log is before {@code segment}'s, of any timeline. */
    private static List<String> segmentsBefore(Path archive, String segment) throws java.io.IOException {
        try (var files = Files.list(archive)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("[0-9A-F]{24}")
                    && name.substring(8).compareTo(segment.substring(8)) < 0).toList();
        }
    }

    @Test
    void aFileTreeIsCopiedOverSshAtEverySync() throws Exception {
        try (SshServer sshd = SshServer.start()) {
            Path tree = Files.createTempDirectory("strata-files-");
            Files.writeString(tree.resolve("config.yaml"), "version: 1\n");
            String environment = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of(
                    "name", "file-server", "kind", "ssh", "host", "127.0.0.1", "port", sshd.port(), "user", "root",
                    "credentials", Map.of("privateKey", sshd.privateKey()), "hostKey", sshd.hostKey())).post(
                            "/api/v1/environments")
                    .then().statusCode(201).extract().path("id");
            var linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name",
                    "app-config", "engine", "files", "environment", environment, "path", tree.toString())).post(
                            "/api/v1/sources")
                    .then().statusCode(202).extract().jsonPath();
            String filesId = linked.getString("id");
            awaitJob(ingest, linked.getString("jobId"), "SUCCEEDED");

            Files.writeString(tree.resolve("added.txt"), "new\n");
            Files.delete(tree.resolve("config.yaml"));
            String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + filesId + "/sync").then()
                    .statusCode(202).extract().path("jobId");
            awaitJob(ingest, sync, "SUCCEEDED");
            List<String> snapshots = timeline(filesId);
            Path pool = home.path().resolve("pool/snapshots");
            assertThat(Files.readString(pool.resolve(snapshots.get(0)).resolve("config.yaml"))).isEqualTo(
                    "version: 1\n");
            assertThat(Files.readString(pool.resolve(snapshots.get(1)).resolve("added.txt"))).isEqualTo("new\n");
            assertThat(pool.resolve(snapshots.get(1)).resolve("config.yaml")).as("rsync --delete").doesNotExist();

            // Passwordless SSH stops working: the sync says so, with rsync's own words.
            Files.writeString(Path.of(sshd.logFile().getParent().toString(), "authorized_keys"), "");
            String broken = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + filesId + "/sync").then()
                    .statusCode(202).extract().path("jobId");
            JsonPath failed = awaitJob(ingest, broken, "FAILED");
            assertThat(failed.getString("error")).startsWith(
                    "Could not copy files. Ensure that passwordless SSH works for 127.0.0.1.").contains(
                            "Permission denied");
            Processes.run(30, List.of("rm", "-rf", tree.toString()));
        }
    }

    @Test
    void deletingASourceLeavesNothingOnTheSource() throws Exception {
        String sourceId = linkFresh("deleted");
        String stagingPath = given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().extract()
                .path("staging.path");
        String jobId = given().baseUri(ingest.baseUrl()).delete("/api/v1/sources/" + sourceId).then().statusCode(202)
                .extract().path("jobId");
        awaitJob(ingest, jobId, "SUCCEEDED");
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().statusCode(404);
        try (var connection = source.connect("postgres");
                ResultSet slots = connection.createStatement()
                        .executeQuery("select count(*) from pg_replication_slots where slot_name = 'strata_" + sourceId
                                .replace('-', '_') + "'")) {
            slots.next();
            assertThat(slots.getInt(1)).as("the source's replication slot is dropped").isZero();
        }
        assertThat(Processes.run(30, List.of("sh", "-c", "pgrep -f '" + notItself("postgres -D " + stagingPath)
                + "' || true"))).as("no staging standby runs").isBlank();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(snapshot.baseUrl()).queryParam(
                "dataset", sourceId).get("/api/v1/volumes").then().extract().jsonPath().getList("id")).isEmpty());
    }

    /** A pgrep pattern that does not match the shell running it: {@code [p]ostgres ...}. */
    private static String notItself(String pattern) {
        return "[" + pattern.charAt(0) + "]" + pattern.substring(1);
    }

    /** Clones a snapshot (as the provisioning service would), runs PostgreSQL on it, and answers a query. */
    private static String query(String snapshotId, String sql, String database) {
        return query(snapshotId, sql, null, null, database);
    }

    private static String query(String snapshotId, String sql, java.time.Instant recoveryTime, String archive,
            String database) {
        String cloneId = "check-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicClient answers = new TopicClient(broker.bootstrapServers(), Topics.events(prefix, Topics.SNAPSHOT))) {
            TopicClient.send(broker.bootstrapServers(), Topics.events(prefix, Topics.PROVISIONING), cloneId, CODEC
                    .encodeToString(CODEC.envelope(Topics.PROVISIONING, new CloneRequested(cloneId, snapshotId,
                            cloneId, "check", "it"), "it", null)));
            var answer = answers.awaitEnvelope(e -> cloneId.equals(e.data().path("requestId").asText()), PATIENCE);
            String path = CODEC.payload(answer, CloneCreated.class).volume().path();
            String bin = PostgresCluster.binDir().toString();
            VirtualDatabase vdb = new VirtualDatabase(cloneId, cloneId, new LocalHost(), path, home.path().resolve(
                    "vdb-" + cloneId).toString(), Ports.free(), Map.of(), Map.of(), recoveryTime, archive,
                    new Repository(
                            "postgresql", "PostgreSQL", "15", bin, Map.of("major", "15")));
            var virtual = new PostgresPlugin().virtual();
            try {
                virtual.configure(vdb);
                virtual.start(vdb);
            } catch (io.strata.engine.UserError e) {
                throw new AssertionError(e.describe(), e);
            }
            try {
                return Processes.run(60, List.of("runuser", "-u", "postgres", "--", bin + "/psql", "-X", "-At", "-h",
                        vdb.workPath() + "/socket", "-p", String.valueOf(vdb.port()), "-d", database, "-c", sql))
                        .strip();
            } finally {
                // Kept for the assertions' messages: how far the check clone's recovery went.
                lastCheckLog = Processes.tail(Path.of(vdb.workPath(), "postgres.log"), 30);
                virtual.stop(vdb);
                virtual.unconfigure(vdb);
                TopicClient.send(broker.bootstrapServers(), Topics.events(prefix, Topics.PROVISIONING), cloneId, CODEC
                        .encodeToString(CODEC.envelope(Topics.PROVISIONING, new DeleteVolumeRequested(cloneId
                                + "-delete", cloneId), "it", null)));
            }
        }
    }
}
