package io.strata.masking;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

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
 * Masking jobs against real PostgreSQL and Kafka: the test plays the provisioning service, announcing a "virtual
 * database" that is a Chinook database of its own, with its password in the secret store as provisioning keeps it.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class MaskingJobTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final List<Map<String, Object>> CUSTOMER_PII = SampleDatabases.chinookPersonalDataRules();

    private static final List<String> CATALOG = SampleDatabases.chinookPublicText();

    @Inject
    EventCodec codec;

    @Inject
    SecretStore secrets;

    private final PostgresCluster cluster = PostgresCluster.shared();

    private static Map<String, Object> rule(String table, String column, String algorithm,
            Map<String, Object> params) {
        return SampleDatabases.rule(table, column, algorithm, params);
    }

    /** A Chinook database announced as a running virtual database. */
    private record ChinookVdb(String id, String database) {
    }

    private ChinookVdb chinookVdb() {
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        SampleDatabases.loadChinook(cluster, database);
        String id = "vdb-" + UUID.randomUUID().toString().substring(0, 8);
        secrets.put(id, Map.of("password", cluster.password()));
        StrataTestEnvironment.publish(codec, Topics.PROVISIONING, new VdbReady(new VdbView(id, "chinook-" + id
                .substring(4), "postgresql", "RUNNING", new VdbView.Connection("127.0.0.1", cluster.port(), database,
                        cluster.superuser(), null),
                "src-1", "snap-1", null, "local", Map.of(), null, Instant.now()), "provision"));
        // Known once a request naming it fails on the ruleset instead of on the virtual database.
        await().atMost(PATIENCE).until(() -> "ruleset".equals(given().contentType("application/json").body(Map.of(
                "vdb", id, "ruleset", "no-such-ruleset")).post("/api/v1/masking-jobs").then().extract().path(
                        "field")));
        return new ChinookVdb(id, database);
    }

    private String ruleset(List<Map<String, Object>> rules) {
        return ruleset(rules, List.of());
    }

    private String ruleset(List<Map<String, Object>> rules, List<String> publicText) {
        return given().contentType("application/json").body(Map.of("name", "rs-" + UUID.randomUUID().toString()
                .substring(0, 8), "rules", rules, "publicText", publicText)).post("/api/v1/rulesets").then().log()
                .ifValidationFails()
                .statusCode(201).extract().path("id");
    }

    private JsonPath maskAndWait(ChinookVdb vdb, String ruleset) {
        String job = given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", ruleset))
                .post("/api/v1/masking-jobs").then().log().ifValidationFails().statusCode(202).extract().path(
                        "jobId");
        return awaitRun(job);
    }

    private JsonPath awaitRun(String job) {
        await().atMost(PATIENCE).until(() -> List.of("SUCCEEDED", "FAILED").contains(given().get("/api/v1/jobs/"
                + job).then().extract().path("state")));
        return given().get("/api/v1/masking-jobs/" + job).then().statusCode(200).extract().jsonPath();
    }

    private List<String> query(ChinookVdb vdb, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = cluster.connect(vdb.database());
                Statement statement = connection
                        .createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Every text value of every table, one cell per entry. */
    private List<String> everyTextCell(ChinookVdb vdb) throws SQLException {
        List<String> cells = new ArrayList<>();
        for (String column : query(vdb, "select table_name || '.' || column_name from information_schema.columns "
                + "where table_schema = 'public' and data_type in ('character varying', 'text')")) {
            String[] parts = column.split("\\.");
            cells.addAll(query(vdb, "select " + parts[1] + " from " + parts[0] + " where " + parts[1]
                    + " is not null"));
        }
        return cells;
    }

    @Test
    void maskingCustomerAndEmployeeDataKeepsEveryInvoiceJoinedAndLeavesNoOriginal() throws SQLException {
        ChinookVdb vdb = chinookVdb();
        List<String> emails = query(vdb, "select email from customer union select email from employee");
        List<String> phones = query(vdb, "select phone from customer where phone is not null");
        List<String> invoicesBefore = query(vdb, "select count(*) from invoice");

        JsonPath run = maskAndWait(vdb, ruleset(CUSTOMER_PII, CATALOG));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(query(vdb, "select count(*) from invoice i join customer c on c.customer_id = i.customer_id"))
                .isEqualTo(invoicesBefore);
        assertThat(query(vdb, "select count(*) from customer c join employee e on e.employee_id = c.support_rep_id"))
                .isEqualTo(query(vdb, "select count(*) from customer where support_rep_id is not null"));
        List<String> cells = everyTextCell(vdb);
        assertThat(cells).doesNotContainAnyElementsOf(emails).doesNotContainAnyElementsOf(phones);
        assertThat(String.join("\n", cells)).doesNotContain(emails.get(0)).doesNotContain(phones.get(0));
        assertThat(query(vdb, "select count(*) from customer where email not like '%@%'")).containsExactly("0");
        assertThat(run.getList("report.keyIds", String.class)).containsExactly("addresses-v1", "emails-v1", "names-v1",
                "phones-v1");
        assertThat(query(vdb, "select count(*) from invoice i join customer c using (customer_id) where "
                + "i.billing_address <> c.address")).as("an invoice's masked billing address is its customer's")
                .containsExactly("0");
    }

    @Test
    void aRulesetThatDoesNotFitTheDatabaseIsRefusedNamingTheRule() {
        ChinookVdb vdb = chinookVdb();
        String unknownColumn = ruleset(List.of(CUSTOMER_PII.get(0), rule("customer", "shoe_size", "null", Map
                .of())));
        given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", unknownColumn)).post(
                "/api/v1/masking-jobs").then().statusCode(400).body("field", equalTo("rules[1].column")).body(
                        "detail", containsString("shoe_size"));
        String lookupOnKey = ruleset(List.of(rule("customer", "customer_id", "secure-lookup", Map.of("dictionary",
                "first-names"))));
        given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", lookupOnKey)).post(
                "/api/v1/masking-jobs").then().statusCode(400).body("field", equalTo("rules[0].algorithm")).body(
                        "detail", containsString("unique-map"));
        String unknownEntity = ruleset(List.of(rule("customer", "address", "address", Map.of("entityColumn",
                "client_id"))));
        given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", unknownEntity)).post(
                "/api/v1/masking-jobs").then().statusCode(400).body("field", equalTo("rules[0].params.entityColumn"))
                .body("detail", containsString("client_id"));
    }

    @Test
    void aRuleThatMayLeaveEveryValueAsItIsDoesNotFailTheJobWhenItDoes() {
        ChinookVdb vdb = chinookVdb();
        String ruleset = ruleset(List.of(CUSTOMER_PII.get(2), rule("invoice", "total", "min-max", Map.of("min", 0,
                "max", 100000))));

        JsonPath run = maskAndWait(vdb, ruleset);

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("report.columns.'invoice.total'.changed")).isZero();
        assertThat(run.getInt("report.columns.'customer.email'.changed")).isEqualTo(59);
    }

    @Test
    void aValueCopiedOutsideItsColumnFailsTheJobAndNamesWhereItLeaked() throws SQLException {
        ChinookVdb vdb = chinookVdb();
        cluster.execute(vdb.database(), "update invoice set billing_address = 'ask ' || c.email || ' first' from "
                + "customer c where c.customer_id = invoice.customer_id and invoice.invoice_id % 7 = 0");

        JsonPath run = maskAndWait(vdb, ruleset(List.of(CUSTOMER_PII.get(2))));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("invoice").contains("billing_address").contains("customer.email");
    }

    @Test
    void aJobSubsetsTheDatabaseBeforeMaskingItAndKeepsEveryReference() throws SQLException {
        ChinookVdb vdb = chinookVdb();
        List<String> canadians = query(vdb, "select count(*) from customer where country = 'Canada'");
        List<String> theirInvoices = query(vdb, "select count(*) from invoice i join customer c using (customer_id) "
                + "where c.country = 'Canada'");
        String ruleset = ruleset(CUSTOMER_PII, CATALOG);

        String job = given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", ruleset,
                "subset", Map.of("roots", List.of(Map.of("table", "customer", "where", "country = 'Canada'"))))).post(
                        "/api/v1/masking-jobs")
                .then().log().ifValidationFails().statusCode(202).extract().path(
                        "jobId");
        JsonPath run = awaitRun(job);

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(query(vdb, "select count(*) from customer")).isEqualTo(canadians);
        assertThat(query(vdb, "select count(*) from invoice")).isEqualTo(theirInvoices);
        assertThat(query(vdb, "select count(*) from invoice_line l left join track t using (track_id) where "
                + "t.track_id is null")).as("every kept line's track is kept").containsExactly("0");
        assertThat(run.getList("report.subset.tables.table", String.class)).contains("customer", "invoice");
    }

    @Test
    void aJobWithASubsetAndNoRulesetOnlySubsetsAndOneWithNeitherIsRefused() throws SQLException {
        ChinookVdb vdb = chinookVdb();
        List<String> names = query(vdb, "select last_name from customer where country = 'Canada' order by 1");

        String job = given().contentType("application/json").body(Map.of("vdb", vdb.id(), "subset", Map.of("roots",
                List.of(Map.of("table", "customer", "where", "country = 'Canada'"))))).post("/api/v1/masking-jobs")
                .then().log().ifValidationFails().statusCode(202).extract().path("jobId");
        JsonPath run = awaitRun(job);

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("ruleset")).isNull();
        assertThat(query(vdb, "select last_name from customer order by 1")).as("kept as they were, not masked")
                .isEqualTo(names);
        assertThat(run.getList("report.subset.tables.table", String.class)).contains("customer", "invoice");
        given().contentType("application/json").body(Map.of("vdb", vdb.id())).post("/api/v1/masking-jobs").then()
                .statusCode(400).body("field", equalTo("ruleset")).body("detail", containsString("a subset alone"));
    }

    @Test
    void aSubsetIsPlannedWithoutChangingTheDatabaseAndABadRootIsNamed() throws SQLException {
        ChinookVdb vdb = chinookVdb();
        List<String> canadians = query(vdb, "select count(*) from customer where country = 'Canada'");

        given().contentType("application/json").body(Map.of("dataset", vdb.id(), "root", Map.of("table", "customer",
                "where", "country = 'Canada'"))).post("/api/v1/subsets/plan").then().log().ifValidationFails()
                .statusCode(200).body("keptRows.customer", equalTo(Integer.parseInt(canadians.get(0)))).body(
                        "estimate", equalTo("EXACT"));
        assertThat(query(vdb, "select count(*) from customer")).containsExactly("59");

        given().contentType("application/json").body(Map.of("dataset", vdb.id(), "root", Map.of("table",
                "customers"))).post("/api/v1/subsets/plan").then().statusCode(400).body("field", equalTo(
                        "root.table"))
                .body("detail", containsString("customers"));
        given().contentType("application/json").body(Map.of("dataset", "no-such-vdb", "root", Map.of("table",
                "customer"))).post("/api/v1/subsets/plan").then().statusCode(400).body("field", equalTo("dataset"));
        given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", ruleset(List.of(CUSTOMER_PII
                .get(0))), "subset", Map.of("roots", List.of(
                        Map.of("table", "customer", "where", "no_such_column "
                                + "= 1")))))
                .post("/api/v1/masking-jobs").then().statusCode(400).body("field", equalTo(
                        "subset.roots[0].where"));
    }

    @Test
    void aRotatedKeyMasksDifferentlyFromTheNextRunAndARulesetPinningTheOldOneMasksAsBefore() throws SQLException {
        String domain = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> rule : CUSTOMER_PII) {
            boolean firstName = "first_name".equals(rule.get("column"));
            rules.add(firstName
                    ? rule(String.valueOf(rule.get("table")), "first_name", "secure-lookup", Map.of(
                            "dictionary", "first-names", "domain", domain))
                    : rule);
        }
        String followsCurrent = ruleset(rules, CATALOG);
        String firstNames = "select first_name from customer order by customer_id";

        ChinookVdb before = chinookVdb();
        JsonPath beforeRun = maskAndWait(before, followsCurrent);
        given().post("/api/v1/masking-keys/" + domain + "/rotate").then().statusCode(201)
                .body("current", equalTo(domain + "-v2"))
                .body("versions.id", org.hamcrest.Matchers.contains(domain + "-v1", domain + "-v2"));
        ChinookVdb after = chinookVdb();
        JsonPath afterRun = maskAndWait(after, followsCurrent);
        String pinning = given().contentType("application/json").body(Map.of("name", "pin-" + domain, "rules", rules,
                "publicText", CATALOG, "keys", Map.of(domain, domain + "-v1"))).post("/api/v1/rulesets").then()
                .statusCode(201).body("keys." + domain, equalTo(domain + "-v1")).extract().path("id");
        ChinookVdb pinned = chinookVdb();
        JsonPath pinnedRun = maskAndWait(pinned, pinning);

        assertThat(List.of(beforeRun.getString("status"), afterRun.getString("status"), pinnedRun.getString(
                "status"))).containsOnly("SUCCEEDED");
        assertThat(beforeRun.getList("report.keyIds", String.class)).contains(domain + "-v1");
        assertThat(afterRun.getList("report.keyIds", String.class)).contains(domain + "-v2").doesNotContain(domain
                + "-v1");
        assertThat(pinnedRun.getList("report.keyIds", String.class)).contains(domain + "-v1");
        assertThat(query(after, firstNames)).isNotEqualTo(query(before, firstNames));
        assertThat(query(pinned, firstNames)).isEqualTo(query(before, firstNames));
        String listed = given().get("/api/v1/masking-keys").then().statusCode(200).extract().asString();
        assertThat(listed).contains(domain + "-v2").contains("pin-" + domain + ": " + domain + "-v1")
                .doesNotContain("material");
        given().get("/api/v1/masking-keys/" + domain).then().statusCode(200).body("pinnedBy", org.hamcrest.Matchers
                .contains("pin-" + domain + ": " + domain + "-v1"));
    }

    @Test
    void keyPinsAndRotationsAreCheckedAndNameTheFieldAtFault() {
        String domain = "u" + UUID.randomUUID().toString().substring(0, 8);
        given().post("/api/v1/masking-keys/" + domain + "/rotate").then().statusCode(201).body("current", equalTo(
                domain + "-v1"));
        for (String keyId : List.of(domain + "-v9", "names-v1", "not a key id")) {
            given().contentType("application/json").body(Map.of("name", "pin-bad", "rules", List.of(CUSTOMER_PII
                    .get(0)), "keys", Map.of(domain, keyId))).post("/api/v1/rulesets").then().statusCode(400).body(
                            "field", equalTo("keys." + domain));
        }
        given().post("/api/v1/masking-keys/Not_A_Domain/rotate").then().statusCode(400).body("field", equalTo(
                "domain"));
        given().get("/api/v1/masking-keys/no-such-domain").then().statusCode(404);
    }

    @Test
    void aKeyMaskedOnOneSideOfAForeignKeyIsRefusedAndMaskedOnBothSidesKeepsEveryInvoiceJoined() throws SQLException {
        ChinookVdb vdb = chinookVdb();
        Map<String, Object> keys = Map.of("domain", "customer-ids");
        String oneSide = ruleset(List.of(rule("customer", "customer_id", "unique-map", keys)));
        given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", oneSide)).post(
                "/api/v1/masking-jobs").then().statusCode(400).body("field", equalTo("rules[0].column")).body(
                        "detail", containsString("no rule masks invoice.customer_id"));
        String differently = ruleset(List.of(rule("customer", "customer_id", "unique-map", keys), rule("invoice",
                "customer_id", "unique-map", Map.of("domain", "invoice-ids"))));
        given().contentType("application/json").body(Map.of("vdb", vdb.id(), "ruleset", differently)).post(
                "/api/v1/masking-jobs").then().statusCode(400).body("field", equalTo("rules[1].algorithm")).body(
                        "detail", containsString("different rules"));
        List<String> idsBefore = query(vdb, "select customer_id from customer order by 1");
        List<String> joinedBefore = query(vdb, "select count(*) from invoice i join customer c using (customer_id)");

        JsonPath run = maskAndWait(vdb, ruleset(List.of(rule("customer", "customer_id", "unique-map", keys), rule(
                "invoice", "customer_id", "unique-map", keys))));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(query(vdb, "select customer_id from customer order by 1")).isNotEqualTo(idsBefore).hasSameSizeAs(
                idsBefore);
        assertThat(query(vdb, "select count(*) from invoice i join customer c using (customer_id)")).isEqualTo(
                joinedBefore);
    }

    @Test
    void rulesetsAreCheckedAsTheyAreSavedAndVersionedAsTheyChange() {
        given().contentType("application/json").body(Map.of("name", "bad", "rules", List.of(rule("customer",
                "email", "rot13", Map.of())))).post("/api/v1/rulesets").then().statusCode(400).body("field",
                        equalTo("rules[0].algorithm"))
                .body("detail", containsString("secure-lookup"));
        given().contentType("application/json").body(Map.of("name", "bad", "rules", List.of(CUSTOMER_PII.get(3),
                CUSTOMER_PII.get(3)))).post("/api/v1/rulesets").then().statusCode(400).body("field", equalTo(
                        "rules[1].column"));
        given().contentType("application/json").body(Map.of("name", "bad", "rules", List.of())).post(
                "/api/v1/rulesets").then().statusCode(400).body("field", equalTo("rules"));
        String id = ruleset(List.of(CUSTOMER_PII.get(0)));
        given().contentType("application/json").body(Map.of("name", "renamed-" + id, "rules", CUSTOMER_PII)).put(
                "/api/v1/rulesets/" + id).then().statusCode(200).body("version", equalTo(2)).body("rules.size()",
                        equalTo(CUSTOMER_PII.size()));
        given().get("/api/v1/rulesets/renamed-" + id).then().statusCode(200).body("id", equalTo(id));
        given().delete("/api/v1/rulesets/" + id).then().statusCode(204);
        given().get("/api/v1/rulesets/" + id).then().statusCode(404);
    }
}
