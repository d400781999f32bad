package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.SampleDatabases;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;
import io.strata.testing.TopicClient;

/**
 * Masked datasets for real: a PostgreSQL source (Chinook) linked by the ingest service, masked on every sync by the
 * masking service on a working VDB the provisioning service makes for it, snapshotted onto the masked dataset's
 * timeline by the snapshot service, and provisioned by the provisioning service; a ruleset that leaves an original
 * value behind fails and leaves nothing (no working VDB, engine or clone).
 */
class MaskedDatasetIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static final List<Map<String, Object>> PII = SampleDatabases.chinookPersonalDataRules();

    private static final List<String> CATALOG = SampleDatabases.chinookPublicText();

    private static StrataHome home;
    private static PostgresCluster source;
    private static ServiceProcess snapshot;
    private static ServiceProcess provisioning;
    private static ServiceProcess ingest;
    private static ServiceProcess masking;
    /** The masking service's configuration (its own database), to start it again after killing it. */
    private static Map<String, String> maskingConfig;
    private static String sourceId;
    private static String prefix;

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        PostgresCluster state = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        prefix = Backbone.freshPrefix();
        source = PostgresCluster.start(Map.of());
        source.execute("postgres", "create database chinook", "create role app login replication password 'ap'");
        SampleDatabases.loadChinook(source, "chinook");
        source.execute("chinook", "grant select, insert, update, delete on all tables in schema public to app",
                "create role analyst login password 'an'", "grant select on customer to analyst",
                "create role reporting login password 'rp'");
        snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs", "strata.snapshot.pool.size",
                "8G", "strata.snapshot.nfs.port", String.valueOf(Ports.free()))).start();
        int ports = Ports.range(61);
        Map<String, String> provisioningConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        provisioningConfig.putAll(Map.of("strata.home", home.toString(), "strata.provisioning.ports", ports + "-"
                + (ports + 40)));
        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(broker, prefix)
                .start();
        ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.ingest.staging.ports", (ports + 41) + "-" + (ports + 60)))
                .start();
        maskingConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        maskingConfig.putAll(Map.of("strata.home", home.toString(), "strata.events.bootstrap-servers", broker
                .bootstrapServers(), "strata.events.topic-prefix", prefix));
        masking = startMasking();

        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name",
                "chinook", "engine", "postgresql", "connection", Map.of("host", "127.0.0.1", "port", source.port(),
                        "database", "chinook", "user", "app", "password", "ap")))
                .post("/api/v1/sources").then()
                .log().ifValidationFails().statusCode(202).extract().jsonPath();
        sourceId = linked.getString("id");
        Jobs.awaitEnd(ingest, linked.getString("jobId"), "SUCCEEDED", PATIENCE);
    }

    private static ServiceProcess startMasking() {
        return ServiceProcess.of("masking-service").with(maskingConfig).start();
    }

    @AfterAll
    static void stop() {
        try {
            for (ServiceProcess service : new ServiceProcess[]{masking, ingest, provisioning, snapshot}) {
                if (service != null) {
                    service.stop();
                }
            }
            Processes.run(30, List.of("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true"));
        } finally {
            source.close();
            home.close();
        }
    }

    private static Map<String, Object> rule(String table, String column, String algorithm,
            Map<String, Object> params) {
        return SampleDatabases.rule(table, column, algorithm, params);
    }

    private static String ruleset(List<Map<String, Object>> rules) {
        return given().baseUri(masking.baseUrl()).contentType("application/json").body(Map.of("name", "rs-" + UUID
                .randomUUID().toString().substring(0, 8), "rules", rules, "publicText", CATALOG)).post(
                        "/api/v1/rulesets")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    /** Makes a masked dataset; returns its id once the masking of the source's newest snapshot has ended so. */
    private static String maskedDataset(String name, String ruleset, String expected) {
        JsonPath accepted = given().baseUri(masking.baseUrl()).contentType("application/json").body(Map.of("name",
                name, "source", sourceId, "ruleset", ruleset, "disableRoles", List.of("reporting"))).post(
                        "/api/v1/masked-datasets")
                .then().log()
                .ifValidationFails().statusCode(202).extract().jsonPath();
        Jobs.awaitEnd(masking, accepted.getString("jobId"), expected, PATIENCE);
        return accepted.getString("id");
    }

    private static JsonPath dataset(String id) {
        return given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    /** A VDB of the masked dataset's newest snapshot, once the provisioning service has heard of it. */
    private static String provision(String maskedDataset, String name) {
        return provision(maskedDataset, name, Map.of("dataset", maskedDataset));
    }

    /** A VDB of a masked dataset's snapshot, {@code from} as provisioning takes it. */
    private static String provision(String maskedDataset, String name, Map<String, Object> from) {
        String snapshotId = dataset(maskedDataset).getString("latestSnapshot");
        await().atMost(PATIENCE).until(() -> given().baseUri(provisioning.baseUrl()).contentType("application/json")
                .body(Map.of("name", "probe-" + System.nanoTime(), "from", Map.of("snapshot", snapshotId),
                        "parameters", Map.of("maxConnections", 1)))
                .post("/api/v1/vdbs").then().extract()
                .statusCode() == 400);
        JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                "name", name, "from", from)).post("/api/v1/vdbs").then().log()
                .ifValidationFails().statusCode(202).extract().jsonPath();
        Jobs.awaitEnd(provisioning, accepted.getString("jobId"), "SUCCEEDED", PATIENCE);
        return accepted.getString("id");
    }

    private static List<String> query(String vdb, String sql) throws SQLException {
        JsonPath credentials = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdb + "/credentials")
                .then().statusCode(200).extract().jsonPath();
        return queryAs(vdb, credentials.getString("user"), credentials.getString("password"), sql);
    }

    private static List<String> queryAs(String vdb, String user, String password, String sql) throws SQLException {
        JsonPath view = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdb).then().extract()
                .jsonPath();
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + view.getInt(
                "connection.port") + "/" + view.getString("connection.database"), user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static List<String> sourceValues(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = source.connect("chinook");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The live volumes of a dataset in the pool. */
    private static List<String> volumes(String dataset) {
        return given().baseUri(snapshot.baseUrl()).queryParam("dataset", dataset).get("/api/v1/volumes").then()
                .statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    /**
     * The working VDBs the provisioning service made for the masking service and has not deleted, by name; the list
     * of VDBs users see holds none of them.
     */
    private static Map<String, String> workingVdbs() {
        assertThat(given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs").then().statusCode(200).extract()
                .jsonPath().getList("purpose")).as("GET /vdbs lists no working VDB").allMatch(Objects::isNull);
        JsonPath all = given().baseUri(provisioning.baseUrl()).queryParam("all", true).get("/api/v1/vdbs").then()
                .statusCode(200).extract().jsonPath();
        Map<String, String> working = new HashMap<>();
        List<String> names = all.getList("name", String.class);
        for (int i = 0; i < names.size(); i++) {
            if (all.getString("[" + i + "].purpose") != null) {
                working.put(names.get(i), all.getString("[" + i + "].status"));
            }
        }
        return working;
    }

    /** The name of the working VDB a masking job asks for. */
    private static String workingName(String job) {
        return "mask-" + job.substring(0, 13);
    }

    /** Whether an engine still runs for a VDB: PostgreSQL's process titles carry its cluster name. */
    private static boolean engineRuns(String vdbName) {
        return !Processes.run(30, List.of("sh", "-c", "pgrep -f '[s]trata-vdb-" + vdbName + ":' || true"))
                .isBlank();
    }

    /** Nothing is left of a failed masking job's working VDB: not the VDB, not its engine, not its clone. */
    private static void awaitNothingLeft(String job, String masked) {
        String name = workingName(job);
        await().atMost(PATIENCE).until(() -> !workingVdbs().containsKey(name) && !engineRuns(name) && volumes(
                masked).isEmpty());
    }

    @Test
    void everySyncOfTheSourceBecomesAMaskedSnapshotThatVirtualDatabasesAreMadeFrom() throws SQLException {
        List<String> emails = sourceValues("select email from customer");
        String masked = maskedDataset("chinook-masked", ruleset(PII), "SUCCEEDED");

        JsonPath first = dataset(masked);
        assertThat(first.getList("snapshots.status", String.class)).containsExactly("SUCCEEDED");
        assertThat(first.getList("snapshots[0].keyIds", String.class)).contains("names-v1", "emails-v1");
        String vdb = provision(masked, "masked-qa");
        assertThat(query(vdb, "select count(*) from customer")).containsExactly("59");
        assertThat(query(vdb, "select email from customer")).hasSize(59).doesNotContainAnyElementsOf(emails);
        assertThat(query(vdb, "select count(*) from invoice i join customer c using (customer_id)")).containsExactly(
                "412");
        String maskedSnapshot = first.getString("latestSnapshot");
        given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets/" + masked + "/snapshots/" + maskedSnapshot
                + "/report").then().statusCode(200).body("users.passwordsReset", org.hamcrest.Matchers.hasItems(
                        "app", "analyst"))
                .body("users.disabled", org.hamcrest.Matchers.contains("reporting")).body(
                        "columns.'customer.email'.changed", equalTo(59));
        String analystPassword = given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets/" + masked
                + "/snapshots/" + maskedSnapshot + "/credentials").then().statusCode(200).extract().path(
                        "roles.analyst");
        assertThat(queryAs(vdb, "analyst", analystPassword, "select count(*) from customer")).containsExactly("59");
        assertThatThrownBy(() -> queryAs(vdb, "analyst", "an", "select 1")).as("the production password")
                .isInstanceOf(SQLException.class);
        assertThat(query(vdb, "select rolcanlogin from pg_roles where rolname = 'reporting'")).containsExactly("f");
        try (TopicClient events = new TopicClient(KafkaBroker.shared().bootstrapServers(), Topics.events(prefix,
                Topics.MASKING))) {
            EventEnvelope completed = events.awaitEnvelope(e -> "MaskingCompleted".equals(e.type()) && masked.equals(
                    e.data().path("maskedDataset").asText()), PATIENCE);
            assertThat(completed.data().path("snapshotId").asText()).isEqualTo(maskedSnapshot);
            assertThat(completed.data().path("keyIds").toString()).contains("names-v1").doesNotContain("material");
        }
        // The newest working VDB stays (stopped), so that the pool keeps the masked dataset's snapshots.
        await().atMost(PATIENCE).until(() -> volumes(masked).size() == 1);
        String keptFirst = volumes(masked).get(0);
        String firstWorking = workingName(first.getString("snapshots[0].jobId"));
        assertThat(workingVdbs()).containsEntry(firstWorking, "STOPPED");
        assertThat(engineRuns(firstWorking)).isFalse();
        JsonPath working = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + firstWorking).then()
                .statusCode(200).extract().jsonPath();
        assertThat(working.getString("purpose")).isEqualTo("masking");
        given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + firstWorking).then().statusCode(409);
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + firstWorking + "/credentials").then()
                .statusCode(409);

        // A last name that is in no dictionary: a masked customer could otherwise pick it by chance.
        source.execute("chinook", "insert into customer (customer_id, first_name, last_name, email, phone) values "
                + "(60, 'Ada', 'Okonkwo-Quintero', 'ada.okonkwo-quintero@source.example', '+1 (555) 010-2233')");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        Jobs.awaitEnd(ingest, sync, "SUCCEEDED", PATIENCE);

        await().atMost(PATIENCE).until(() -> dataset(masked).getList("snapshots.status", String.class),
                statuses -> statuses.size() == 2 && statuses.stream().allMatch("SUCCEEDED"::equals));
        assertThat(given().baseUri(snapshot.baseUrl()).get("/api/v1/datasets/" + masked + "/snapshots").then()
                .statusCode(200).extract().jsonPath().getList("id", String.class)).hasSize(2);
        await().atMost(PATIENCE).until(() -> volumes(masked), kept -> kept.size() == 1 && !kept.contains(keptFirst));
        String secondWorking = workingName(dataset(masked).getString("snapshots[1].jobId"));
        await().atMost(PATIENCE).until(() -> !workingVdbs().containsKey(firstWorking));
        assertThat(workingVdbs()).containsEntry(secondWorking, "STOPPED");
        String refreshed = provision(masked, "masked-qa2", Map.of("snapshot", dataset(masked).getString(
                "latestSnapshot")));
        assertThat(query(refreshed, "select count(*) from customer")).containsExactly("60");
        assertThat(query(refreshed, "select count(*) from customer where email like '%source.example' or last_name "
                + "= 'Okonkwo-Quintero' or phone = '+1 (555) 010-2233'")).containsExactly("0");
        assertThat(query(vdb, "select count(*) from customer")).as("the first VDB is untouched").containsExactly(
                "59");
    }

    @Test
    void aRulesetThatLeavesAnOriginalBehindFailsAndLeavesNoCloneOrEngine() {
        String phonesOnly = ruleset(List.of(rule("customer", "phone", "phone", Map.of())));

        String masked = maskedDataset("chinook-leaky", phonesOnly, "FAILED");

        JsonPath view = dataset(masked);
        assertThat(view.getString("snapshots[0].error")).contains("customer.fax").contains("customer.phone");
        assertThat(view.getString("latestSnapshot")).isNull();
        awaitNothingLeft(view.getString("snapshots[0].jobId"), masked);
        assertThat(given().baseUri(snapshot.baseUrl()).get("/api/v1/datasets/" + masked + "/snapshots").then()
                .statusCode(200).extract().jsonPath().getList("id", String.class)).isEmpty();

        given().baseUri(masking.baseUrl()).delete("/api/v1/rulesets/" + phonesOnly).then().statusCode(409).body(
                "detail", org.hamcrest.Matchers.containsString("masks the masked datasets [chinook-leaky]"));
        given().baseUri(masking.baseUrl()).delete("/api/v1/masked-datasets/" + masked).then().statusCode(204);
        given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets/" + masked).then().statusCode(404);
        given().baseUri(masking.baseUrl()).delete("/api/v1/rulesets/" + phonesOnly).then().statusCode(204);
    }

    @Test
    void killingTheMaskingServiceWhileItMasksPublishesNothingAndLeavesNoCloneOrEngine() {
        JsonPath accepted = given().baseUri(masking.baseUrl()).contentType("application/json").body(Map.of("name",
                "chinook-crash", "source", sourceId, "ruleset", ruleset(PII))).post("/api/v1/masked-datasets")
                .then().statusCode(202).extract().jsonPath();
        String masked = accepted.getString("id");
        String job = accepted.getString("jobId");
        // Killed once it masks the working VDB: the VDB, the provisioning service's, outlives the service.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> given().baseUri(masking.baseUrl())
                .get("/api/v1/jobs/" + job).then().extract().jsonPath().getInt("percent") >= 12);
        assertThat(workingVdbs()).containsKey(workingName(job));
        masking.kill();
        masking = startMasking();

        await().atMost(PATIENCE).until(() -> List.of("SUCCEEDED", "FAILED").contains(given().baseUri(masking
                .baseUrl()).get("/api/v1/jobs/" + job).then().extract().path("state")));
        JsonPath ended = given().baseUri(masking.baseUrl()).get("/api/v1/jobs/" + job).then().extract().jsonPath();
        if ("FAILED".equals(ended.getString("state"))) {
            assertThat(ended.getString("error")).contains("stopped while masking");
            awaitNothingLeft(job, masked);
            assertThat(dataset(masked).getString("latestSnapshot")).isNull();
            assertThat(given().baseUri(snapshot.baseUrl()).get("/api/v1/datasets/" + masked + "/snapshots").then()
                    .statusCode(200).extract().jsonPath().getList("id", String.class)).isEmpty();
        }
        // No working VDB's clone is left but the kept one of a masked snapshot, so no engine either (the pool refuses
        // to delete a volume an engine works in).
        int kept = "FAILED".equals(ended.getString("state")) ? 0 : 1;
        await().atMost(PATIENCE).until(() -> volumes(masked).size() == kept);

        String again = given().baseUri(masking.baseUrl()).post("/api/v1/masked-datasets/" + masked + "/refresh")
                .then().statusCode(202).extract().path("jobId");
        Jobs.awaitEnd(masking, again, "SUCCEEDED", PATIENCE);
        assertThat(dataset(masked).getString("latestSnapshot")).isNotNull();
        await().atMost(PATIENCE).until(() -> volumes(masked).size() == 1);
    }

    @Test
    void aSourceIsProfiledThroughATemporaryCloneThatIsGivenBack() {
        List<String> before = volumes(sourceId);
        String job = given().baseUri(masking.baseUrl()).contentType("application/json").body(Map.of("dataset",
                sourceId)).post("/api/v1/profiling-jobs").then().log().ifValidationFails().statusCode(202).extract()
                .path("jobId");
        Jobs.awaitEnd(masking, job, "SUCCEEDED", PATIENCE);

        JsonPath inventory = given().baseUri(masking.baseUrl()).get("/api/v1/profiling-jobs/" + job + "/inventory")
                .then().statusCode(200).extract().jsonPath();
        assertThat(inventory.getString("columns.find { it.table == 'customer' && it.column == 'email' }.kind"))
                .isEqualTo("EMAIL");
        assertThat(inventory.getList("ruleset.rules.column", String.class)).contains("email", "phone");
        String name = "profile-" + job.substring(0, 13);
        await().atMost(PATIENCE).until(() -> volumes(sourceId).equals(before) && !workingVdbs().containsKey(name)
                && !engineRuns(name));
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        String rules = ruleset(List.of(PII.get(2)));
        given().baseUri(masking.baseUrl()).contentType("application/json").body(Map.of("name", "x", "source",
                "src-none", "ruleset", rules)).post("/api/v1/masked-datasets").then().statusCode(400).body("field",
                        equalTo("source"));
        given().baseUri(masking.baseUrl()).contentType("application/json").body(Map.of("name", "x", "source",
                sourceId, "ruleset", "no-such-ruleset")).post("/api/v1/masked-datasets").then().statusCode(400)
                .body("field", equalTo("ruleset"));
        given().baseUri(masking.baseUrl()).contentType("application/json").body(Map.of("source", sourceId, "ruleset",
                rules)).post("/api/v1/masked-datasets").then().statusCode(400).body("field", equalTo("name"));
    }
}
