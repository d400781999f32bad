package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * The database engines after the services and the engines were all stopped (what {@code make down ENGINES=1} does, or
 * a reboot): when the ingest and provisioning services start again, a running virtual database's engine and an active
 * source's staging copy are started again, with their data, their port and their password, and the virtual database
 * is not marked FAILED on the way.
 */
class EnginesAfterRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static StrataHome home;
    private static PostgresCluster source;
    private static KafkaBroker broker;
    private static String prefix;
    private static Map<String, String> ingestConfig;
    private static Map<String, String> provisioningConfig;
    private static ServiceProcess snapshot;
    private static ServiceProcess provisioning;
    private static ServiceProcess ingest;
    private static String sourceId;

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        PostgresCluster state = PostgresCluster.shared();
        broker = KafkaBroker.shared();
        prefix = Backbone.freshPrefix();
        source = ClinicSource.start("at link");
        snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs", "strata.snapshot.pool.size",
                "4G", "strata.snapshot.nfs.port", String.valueOf(Ports.free()))).start();
        int ports = Ports.range(40);
        provisioningConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        provisioningConfig.putAll(Map.of("strata.home", home.toString(), "strata.provisioning.ports", ports + "-"
                + (ports + 19), "strata.provisioning.monitor-interval", "1s"));
        ingestConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        ingestConfig.putAll(Map.of("strata.home", home.toString(), "strata.ingest.staging.ports", (ports + 20) + "-"
                + (ports + 39)));
        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(broker, prefix)
                .start();
        ingest = ServiceProcess.of("ingest-service").with(ingestConfig).withBroker(broker, prefix).start();
        sourceId = ClinicSource.link(ingest, source, PATIENCE);
    }

    @AfterAll
    static void stop() {
        Teardown.of(home, source, ingest, provisioning, snapshot);
    }

    @Test
    void aRunningVirtualDatabaseAndTheStagingCopyComeBackWhenTheServicesStartAgain() throws Exception {
        JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                "name", "back", "from", Map.of("dataset", sourceId))).post("/api/v1/vdbs").then().statusCode(202)
                .extract().jsonPath();
        String vdbId = accepted.getString("id");
        Jobs.awaitEnd(provisioning, accepted.getString("jobId"), "SUCCEEDED", PATIENCE);
        String url = url(vdbId);
        Map<String, String> credentials = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId
                + "/credentials").then().statusCode(200).extract().jsonPath().getMap("$");
        try (Connection connection = DriverManager.getConnection(url, credentials.get("user"), credentials.get(
                "password"))) {
            connection.createStatement().execute("insert into visits (note) values ('written in the vdb')");
        }

        provisioning.stop();
        ingest.stop();
        List<String> stopped = stopEngines();
        assertThat(stopped).as("the staging copy and the virtual database").hasSize(2);
        assertThatThrownBy(() -> DriverManager.getConnection(url, credentials.get("user"), credentials.get(
                "password")).close()).isInstanceOf(SQLException.class);

        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(broker, prefix)
                .start();
        ingest = ServiceProcess.of("ingest-service").with(ingestConfig).withBroker(broker, prefix).start();

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(notes(url, credentials))
                .containsExactly("at link", "written in the vdb"));
        // Checked every second by the monitor, it stays RUNNING: it was started again, not found dead.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().baseUri(
                provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId).then().statusCode(200).body("status",
                        org.hamcrest.Matchers.equalTo("RUNNING")));
        assertThat(provisioning.log()).contains("The engine of virtual database back was not running; started it "
                + "again");
        await().atMost(PATIENCE).until(() -> ingest.log().contains("The staging copy of source clinic was not "
                + "running; started it again"));
        source.execute("clinic", "insert into visits (note) values ('after the restart')");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        Jobs.awaitEnd(ingest, sync, "SUCCEEDED", PATIENCE);
    }

    /** Stops every PostgreSQL server with its data under this test's home, as the owner of its data; their dirs. */
    private static List<String> stopEngines() {
        String listed = Processes.run(30, List.of("sh", "-c", "ps -eo args= | awk '$1 ~ /bin\\/postgres$/ && $2 == "
                + "\"-D\" && index($3, \"" + home + "/\") == 1 {print $1, $3}'"));
        List<String> directories = new ArrayList<>();
        for (String line : listed.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] binaryAndData = line.split(" ");
            String pgCtl = binaryAndData[0].replaceAll("postgres$", "pg_ctl");
            Processes.run(90, List.of("sh", "-c", "runuser -u \"$(stat -c %U \"$1\")\" -- \"$2\" -D \"$1\" -m fast -w "
                    + "-t 60 -s stop", "sh", binaryAndData[1], pgCtl));
            directories.add(binaryAndData[1]);
        }
        return directories;
    }

    private static String url(String vdbId) {
        JsonPath vdb = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId).then().statusCode(200)
                .extract().jsonPath();
        return "jdbc:postgresql://" + vdb.getString("connection.host") + ":" + vdb.getInt("connection.port") + "/"
                + vdb.getString("connection.database");
    }

    private static List<String> notes(String url, Map<String, String> credentials) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, credentials.get("user"), credentials.get(
                "password"));
                ResultSet rows = connection.createStatement().executeQuery("select note from visits order by id")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }
}
