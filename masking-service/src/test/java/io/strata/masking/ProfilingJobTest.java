package io.strata.masking;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.VdbReady;
import io.strata.contracts.provisioning.VdbView;
import io.strata.testing.PostgresCluster;
import io.strata.testing.SampleDatabases;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;

/**
 * Profiling jobs against real PostgreSQL and Kafka: the test plays the provisioning service, announcing databases of
 * its own as running virtual databases provisioned from a source; the inventory's ruleset is then saved and used.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class ProfilingJobTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** The music catalog, whose titles share words with people's names by chance. */
    private static final List<String> CATALOG = List.of("track.name", "track.composer", "album.title",
            "artist.name");

    @Inject
    EventCodec codec;

    @Inject
    SecretStore secrets;

    private final PostgresCluster cluster = PostgresCluster.shared();

    /** A database announced as a running virtual database provisioned from {@code source}. */
    private record Vdb(String id, String name, String database, String source) {
    }

    private Vdb announce(String database) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Vdb vdb = new Vdb("vdb-" + suffix, "profiled-" + suffix, database, "src-" + suffix);
        secrets.put(vdb.id(), Map.of("password", cluster.password()));
        VdbView.Connection connection = new VdbView.Connection("127.0.0.1", cluster.port(), database, cluster
                .superuser(), null);
        StrataTestEnvironment.publish(codec, Topics.PROVISIONING, new VdbReady(new VdbView(vdb.id(), vdb.name(),
                "postgresql", "RUNNING", connection, vdb.source(), "snap-" + suffix, null, "local", Map.of(), null,
                Instant.now()), "provision"));
        // Known once a masking job naming it fails on its ruleset rather than on the virtual database.
        await().atMost(PATIENCE).until(() -> "ruleset".equals(given().contentType("application/json").body(Map.of(
                "vdb", vdb.id(), "ruleset", "none")).post("/api/v1/masking-jobs").then().extract().path("field")));
        return vdb;
    }

    private Vdb chinook() {
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        SampleDatabases.loadChinook(cluster, database);
        return announce(database);
    }

    private String awaitJob(String job) {
        await().atMost(PATIENCE).until(() -> List.of("SUCCEEDED", "FAILED").contains(given().get("/api/v1/jobs/"
                + job).then().extract().path("state")));
        return given().get("/api/v1/jobs/" + job).then().extract().path("state");
    }

    private JsonPath profile(Map<String, Object> request) {
        String job = given().contentType("application/json").body(request).post("/api/v1/profiling-jobs").then()
                .log().ifValidationFails().statusCode(202).extract().path("jobId");
        assertThat(awaitJob(job)).as(given().get("/api/v1/profiling-jobs/" + job).asString()).isEqualTo(
                "SUCCEEDED");
        given().get("/api/v1/profiling-jobs/" + job).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        return given().get("/api/v1/profiling-jobs/" + job + "/inventory").then().statusCode(200).extract()
                .jsonPath();
    }

    /** The inventory's columns by {@code table.column}. */
    private static Map<String, Map<String, Object>> byColumn(JsonPath inventory) {
        Map<String, Map<String, Object>> columns = new HashMap<>();
        for (Map<String, Object> column : inventory.<Map<String, Object>>getList("columns")) {
            columns.put(column.get("table") + "." + column.get("column"), column);
        }
        return columns;
    }

    private static void assertFound(Map<String, Map<String, Object>> columns, String column, String kind,
            String algorithm) {
        assertThat(columns).as(column).containsKey(column);
        assertThat(columns.get(column)).as(column).containsEntry("kind", kind);
        assertThat(columns.get(column).get("suggested")).as(column).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("algorithm", algorithm);
    }

    /** Saves the inventory's ruleset as it is, with a name and public-text columns; returns its id. */
    private String saveRuleset(JsonPath inventory, List<String> publicText) {
        Map<String, Object> body = new HashMap<>(inventory.getMap("ruleset"));
        body.put("name", "profiled-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("publicText", publicText);
        return given().contentType("application/json").body(body).post("/api/v1/rulesets").then().log()
                .ifValidationFails().statusCode(201).extract().path("id");
    }

    private JsonPath mask(Vdb vdb, String ruleset) {
        String job = given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", ruleset))
                .post("/api/v1/masking-jobs").then().log().ifValidationFails().statusCode(202).extract().path(
                        "jobId");
        awaitJob(job);
        return given().get("/api/v1/masking-jobs/" + job).then().statusCode(200).extract().jsonPath();
    }

    private List<String> query(Vdb vdb, String sql) throws SQLException {
        try (Connection connection = cluster.connect(vdb.database());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    @Test
    void chinookIsProfiledAndItsSuggestedRulesetMasksItAsItIs() throws SQLException {
        Vdb vdb = chinook();
        List<String> emails = query(vdb, "select email from customer order by customer_id");

        JsonPath inventory = profile(Map.of("dataset", vdb.name()));

        Map<String, Map<String, Object>> columns = byColumn(inventory);
        assertThat(inventory.getString("dataset")).isEqualTo(vdb.id());
        assertFound(columns, "customer.email", "EMAIL", "email");
        assertFound(columns, "customer.phone", "PHONE", "phone");
        assertFound(columns, "customer.fax", "PHONE", "phone");
        assertFound(columns, "customer.first_name", "PERSON_NAME", "secure-lookup");
        assertFound(columns, "customer.last_name", "PERSON_NAME", "secure-lookup");
        assertFound(columns, "employee.birth_date", "DATE_OF_BIRTH", "date-shift");
        assertFound(columns, "customer.address", "STREET_ADDRESS", "address");
        assertFound(columns, "invoice.billing_address", "STREET_ADDRESS", "address");
        assertThat(columns.get("customer.email")).containsEntry("foundBy", "BOTH").containsEntry("sampledRows", 59);
        assertThat(((Number) columns.get("customer.email").get("evidence")).doubleValue()).isGreaterThan(0.9);
        assertThat(columns.get("customer.first_name").get("suggested").toString()).contains("first-names");
        assertThat(columns).doesNotContainKeys(CATALOG.toArray(String[]::new));
        assertThat(inventory.getList("publicTextCandidates", String.class)).contains("track.name",
                "track.composer");
        assertThat(inventory.getList("ruleset.rules")).hasSameSizeAs(inventory.getList("columns"));

        JsonPath run = mask(vdb, saveRuleset(inventory, CATALOG));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(query(vdb, "select email from customer order by customer_id")).doesNotContainAnyElementsOf(
                emails);
    }

    @Test
    void ssnsCardsIbansAndEmailsInsideNotesAndJsonAreFoundAndLookAlikesAreNot() throws SQLException {
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        cluster.execute(database, "create table payment (id int primary key, ssn varchar(11), card varchar(19), "
                + "iban varchar(34), order_no varchar(9), reference varchar(16), notes text, details jsonb)");
        fillPayments(database, 1000);
        cluster.execute(database, "analyze payment");
        Vdb vdb = announce(database);

        JsonPath inventory = profile(Map.of("dataset", vdb.id(), "sampleRows", 50));

        Map<String, Map<String, Object>> columns = byColumn(inventory);
        assertFound(columns, "payment.ssn", "NATIONAL_ID", "fpe");
        assertFound(columns, "payment.card", "CARD_NUMBER", "fpe");
        assertFound(columns, "payment.iban", "IBAN", "fpe");
        assertFound(columns, "payment.notes", "FREE_TEXT_WITH_PII", "redact");
        assertFound(columns, "payment.details", "FREE_TEXT_WITH_PII", "redact");
        assertThat(columns.get("payment.card").get("suggested").toString()).contains("luhn=true");
        assertThat(columns.get("payment.card")).containsEntry("foundBy", "DATA").containsEntry("sampledRows", 50);
        assertThat(columns).as("nine-digit order numbers and Luhn-failing references").doesNotContainKeys(
                "payment.order_no", "payment.reference", "payment.id");

        JsonPath run = mask(vdb, saveRuleset(inventory, List.of()));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(query(vdb, "select count(*) from payment where notes ~ 'payer[0-9]+@' or details::text ~ "
                + "'payer[0-9]+@'")).as("no original e-mail left").containsExactly("0");
        assertThat(query(vdb, "select count(*) from payment where notes like 'Receipt sent to %@example.com on "
                + "request.'")).as("the rest of the notes kept").containsExactly("200");
    }

    /**
     * Payments whose SSNs, cards and IBANs are valid, whose order numbers are nine digits and whose references are
     * sixteen digits failing the Luhn check; every fifth has an e-mail in its notes and its JSON details.
     */
    private void fillPayments(String database, int count) throws SQLException {
        try (Connection connection = cluster.connect(database);
                PreparedStatement insert = connection.prepareStatement("insert into payment values "
                        + "(?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            for (int i = 1; i <= count; i++) {
                String card = withLuhnDigit(String.format("4%014d", 7_919L * i), true);
                String email = "payer" + i + "@example.com";
                insert.setInt(1, i);
                insert.setString(2, String.format("%03d-%02d-%04d", 100 + i % 500, 1 + i % 99, 1 + i));
                insert.setString(3, card.replaceAll("(\\d{4})(?=\\d)", "$1 "));
                insert.setString(4, List.of("DE89370400440532013000", "GB82WEST12345698765432",
                        "NL91ABNA0417164300").get(i % 3));
                insert.setString(5, String.valueOf(100_000_000 + i * 7_919));
                insert.setString(6, withLuhnDigit(String.format("5%014d", 104_729L * i), false));
                insert.setString(7, i % 5 == 0 ? "Receipt sent to " + email + " on request." : "Paid in full.");
                insert.setString(8, i % 5 == 0
                        ? "{\"payer\": {\"email\": \"" + email + "\"}, \"items\": 2}"
                        : "{\"items\": 1}");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The digits with a Luhn check digit appended: the right one, or with {@code valid} false a wrong one. */
    private static String withLuhnDigit(String digits, boolean valid) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            int doubled = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += i % 2 == 0 ? doubled : digit;
        }
        int check = (10 - sum % 10) % 10;
        return digits + (valid ? check : (check + 1) % 10);
    }

    @Test
    void aSourceWithoutSnapshotsIsRefusedAndBadRequestsNameTheirField() {
        Vdb vdb = chinook();

        given().contentType("application/json").body(Map.of("dataset", vdb.source())).post("/api/v1/profiling-jobs")
                .then().statusCode(400).body("field", equalTo("dataset")).body("detail", containsString("source"))
                .body("detail", containsString(vdb.name()));
        given().contentType("application/json").body(Map.of("dataset", "no-such-dataset")).post(
                "/api/v1/profiling-jobs").then().statusCode(400).body("field", equalTo("dataset")).body("detail",
                        containsString("provision a virtual database"));
        given().contentType("application/json").body(Map.of()).post("/api/v1/profiling-jobs").then().statusCode(400)
                .body("field", equalTo("dataset"));
        given().contentType("application/json").body(Map.of("dataset", vdb.id(), "sampleRows", 1_000_000)).post(
                "/api/v1/profiling-jobs").then().statusCode(400).body("field", equalTo("sampleRows"));
        given().get("/api/v1/profiling-jobs/no-such-job").then().statusCode(404);
        given().get("/api/v1/profiling-jobs/" + UUID.randomUUID() + "/inventory").then().statusCode(404);
        given().get("/api/v1/profiling-jobs").then().statusCode(200);
    }
}
