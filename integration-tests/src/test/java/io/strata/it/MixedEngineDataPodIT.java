package io.strata.it;

import static io.strata.testing.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.strata.testing.MariaDbServer;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.RoutedServices;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * A data pod of two engines on real services, through the router: a template holds a PostgreSQL source (the clinic)
 * and a MariaDB source (Chinook); the pod provisions both from the template's one consistent point, one bookmark
 * covers both, and a reset, a restore to the bookmark, a refresh and a restore to a moment move both virtual databases
 * together, each showing exactly what it held at that point.
 */
class MixedEngineDataPodIT {

    private static final Duration PATIENCE = Duration.ofSeconds(240);
    /** What the MariaDB side holds: the genres in order, the invoice lines' row count and checksum. */
    private static final String CHINOOK = "SELECT GROUP_CONCAT(Name ORDER BY GenreId SEPARATOR ',') FROM Genre; "
            + "SELECT COUNT(*) FROM InvoiceLine; CHECKSUM TABLE InvoiceLine;";

    private static StrataHome home;
    private static PostgresCluster clinic;
    private static MariaDbServer chinook;
    private static RoutedServices services;
    private static String admin;

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        clinic = ClinicSource.start("at link");
        chinook = MariaDbServer.chinookSource();
        services = RoutedServices.start(home, 40);
        admin = services.adminToken();
    }

    @AfterAll
    static void stop() {
        try {
            Teardown.of(home, clinic, services == null ? new ServiceProcess[0] : services.processes());
        } finally {
            if (chinook != null) {
                chinook.close();
            }
        }
    }

    private static RequestSpecification api() {
        return withToken(admin).baseUri(services.router().baseUrl()).contentType("application/json");
    }

    private static void awaitJob(String jobId) {
        Jobs.awaitEnd(MixedEngineDataPodIT::api, jobId, "SUCCEEDED", PATIENCE);
    }

    private static String link(Map<String, Object> source) {
        JsonPath linked = api().body(source).post("/api/v1/sources").then().log().ifValidationFails().statusCode(202)
                .extract().jsonPath();
        awaitJob(linked.getString("jobId"));
        return linked.getString("id");
    }

    /** Syncs a source and returns the snapshot the sync made (the newest of its timeline). */
    private static String sync(String sourceId) {
        awaitJob(api().post("/api/v1/sources/" + sourceId + "/sync").then().statusCode(202).extract().path("jobId"));
        List<String> timeline = api().get("/api/v1/datasets/" + sourceId + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("snapshots.id", String.class);
        return timeline.get(timeline.size() - 1);
    }

    private static void podOperation(String operation, Map<String, Object> body) {
        awaitJob(api().body(body).post("/api/v1/datapods/mixed-pod/" + operation).then().log().ifValidationFails()
                .statusCode(202).extract().path("jobId"));
    }

    private static JsonPath vdbConnection(String vdb) {
        return api().get("/api/v1/vdbs/" + vdb).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> credentials(String vdb) {
        return api().get("/api/v1/vdbs/" + vdb + "/credentials").then().statusCode(200).extract().jsonPath().getMap(
                "$");
    }

    /** The clinic's notes in the PostgreSQL virtual database, in order, joined by '|'. */
    private static String notes(String vdb) throws SQLException {
        JsonPath view = vdbConnection(vdb);
        Map<String, String> login = credentials(vdb);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + view.getString(
                "connection.host") + ":" + view.getInt("connection.port") + "/"
                + view.getString(
                        "connection.database"),
                login.get("user"), login.get("password"));
                ResultSet rows = connection.createStatement().executeQuery(
                        "select coalesce(string_agg(note, '|' order by id), '') from visits")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void inClinicVdb(String vdb, String sql) throws SQLException {
        JsonPath view = vdbConnection(vdb);
        Map<String, String> login = credentials(vdb);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + view.getString(
                "connection.host") + ":" + view.getInt("connection.port") + "/"
                + view.getString(
                        "connection.database"),
                login.get("user"), login.get("password"))) {
            connection.createStatement().execute(sql);
        }
    }

    /** Runs SQL in the MariaDB virtual database as its user, logging in with the generated password. */
    private static String inChinookVdb(String vdb, String sql) {
        JsonPath view = vdbConnection(vdb);
        Map<String, String> login = credentials(vdb);
        return MariaDbServer.query(view.getString("connection.host"), view.getInt("connection.port"), login.get(
                "user"), login.get("password"), view.getString("connection.database"), sql);
    }

    private static String onChinook(String sql) {
        return chinook.execute("USE Chinook; " + sql);
    }

    @Test
    void onePodOfAPostgresqlAndAMariadbSourceMovesBothTogether() throws Exception {
        String clinicId = link(Map.of("name", "clinic", "engine", "postgresql", "connection", Map.of("host",
                "127.0.0.1", "port", clinic.port(), "database", "clinic", "user", "app", "password", "ap")));
        String chinookId = link(Map.of("name", "chinook", "engine", "mariadb", "connection", Map.of("host",
                "127.0.0.1", "port", chinook.port(), "database", "Chinook", "user", "linker", "password", "lp")));
        api().body(Map.of("name", "mixed", "datasets", List.of(clinicId, chinookId))).post("/api/v1/templates")
                .then().log().ifValidationFails().statusCode(201);
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/templates/mixed/point").then().statusCode(
                200));

        awaitJob(api().body(Map.of("name", "mixed-pod", "template", "mixed")).post("/api/v1/datapods").then().log()
                .ifValidationFails().statusCode(202).extract().path("jobId"));
        JsonPath pod = api().get("/api/v1/datapods/mixed-pod").then().statusCode(200).body("status", equalTo("READY"))
                .extract().jsonPath();
        String clinicVdb = pod.getString("vdbs.find { it.dataset == '" + clinicId + "' }.vdbId");
        String chinookVdb = pod.getString("vdbs.find { it.dataset == '" + chinookId + "' }.vdbId");
        assertThat(vdbConnection(chinookVdb).getString("engine")).isEqualTo("mariadb");
        String chinookAtLink = onChinook(CHINOOK);
        assertThat(notes(clinicVdb)).isEqualTo("at link");
        assertThat(inChinookVdb(chinookVdb, CHINOOK)).as("the MariaDB VDB holds the source's rows").isEqualTo(
                chinookAtLink);

        // One bookmark of both; the destructive test on both; reset brings both back.
        awaitJob(api().body(Map.of("name", "both-at-link")).post("/api/v1/datapods/mixed-pod/bookmarks").then()
                .statusCode(202).extract().path("jobId"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/bookmarks/both-at-link").then().statusCode(
                200).body("status", equalTo("READY")));
        destroyBoth(clinicVdb, chinookVdb);
        podOperation("reset", Map.of());
        assertThat(notes(clinicVdb)).isEqualTo("at link");
        assertThat(inChinookVdb(chinookVdb, CHINOOK)).as("after the reset").isEqualTo(chinookAtLink);

        // Again, then back onto the bookmark by name.
        destroyBoth(clinicVdb, chinookVdb);
        podOperation("restore", Map.of("bookmark", "both-at-link"));
        assertThat(notes(clinicVdb)).isEqualTo("at link");
        assertThat(inChinookVdb(chinookVdb, CHINOOK)).as("after the restore").isEqualTo(chinookAtLink);

        // Both sources move on; once both are synced, a refresh brings both VDBs to the new point.
        clinic.execute("clinic", "insert into visits (note) values ('after the bookmark')");
        onChinook("INSERT INTO Genre (GenreId, Name) VALUES (902, 'after the bookmark'); "
                + "DELETE FROM InvoiceLine WHERE InvoiceId = 2;");
        List<String> newest = List.of(sync(clinicId), sync(chinookId));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api().get("/api/v1/templates/mixed/point").then()
                .statusCode(200).extract().jsonPath().getList("snapshots.snapshot", String.class))
                .containsExactlyInAnyOrderElementsOf(newest));
        podOperation("refresh", Map.of());
        assertThat(notes(clinicVdb)).isEqualTo("at link|after the bookmark");
        String chinookNow = onChinook(CHINOOK);
        assertThat(chinookNow).contains("after the bookmark").isNotEqualTo(chinookAtLink);
        assertThat(inChinookVdb(chinookVdb, CHINOOK)).as("after the refresh").isEqualTo(chinookNow);

        // A restore to a moment moves both back to it: each VDB replays its own log up to the moment.
        inClinicVdb(clinicVdb, "insert into visits (note) values ('mine, before the moment')");
        inChinookVdb(chinookVdb, "INSERT INTO Genre (GenreId, Name) VALUES (930, 'mine, before the moment');");
        Instant moment = VirtualDatabaseIT.clockPast(Instant.now().plusMillis(1500));
        VirtualDatabaseIT.clockPast(moment.plusMillis(1500));
        inClinicVdb(clinicVdb, "insert into visits (note) values ('mine, after the moment')");
        inChinookVdb(chinookVdb, "INSERT INTO Genre (GenreId, Name) VALUES (931, 'mine, after the moment');");
        podOperation("restore", Map.of("timestamp", moment.toString()));
        assertThat(notes(clinicVdb)).isEqualTo("at link|after the bookmark|mine, before the moment");
        assertThat(inChinookVdb(chinookVdb, "SELECT GROUP_CONCAT(Name ORDER BY GenreId) FROM Genre WHERE GenreId "
                + ">= 930")).as("after the restore to a moment").isEqualTo("mine, before the moment");

        awaitJob(api().delete("/api/v1/datapods/mixed-pod").then().statusCode(202).extract().path("jobId"));
        api().get("/api/v1/vdbs/" + clinicVdb).then().statusCode(404);
        api().get("/api/v1/vdbs/" + chinookVdb).then().statusCode(404);
        assertThat(Processes.run(30, List.of("sh", "-c", "pgrep -af '[m]ariadbd --defaults-file=" + home
                + "/provisioning/' || true")).strip()).as("no virtual database's server is left").isEmpty();
    }

    /** Deletes every clinic note and Chinook's invoice lines in the pod's two virtual databases. */
    private static void destroyBoth(String clinicVdb, String chinookVdb) throws SQLException {
        inClinicVdb(clinicVdb, "delete from visits");
        inChinookVdb(chinookVdb, "DELETE FROM InvoiceLine;");
        assertThat(notes(clinicVdb)).isEmpty();
        assertThat(inChinookVdb(chinookVdb, "SELECT COUNT(*) FROM InvoiceLine")).isEqualTo("0");
    }
}
