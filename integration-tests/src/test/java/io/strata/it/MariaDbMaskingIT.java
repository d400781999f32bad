package io.strata.it;

import static io.strata.testing.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.strata.testing.MariaDbServer;
import io.strata.testing.PostgresCluster;
import io.strata.testing.RoutedServices;
import io.strata.testing.SampleDatabases;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * Profiling and one ruleset mask the same data in both engines alike, through the router on real services: Chinook
 * linked from a
 * PostgreSQL and from a MariaDB server, a masked dataset of each made with the one ruleset, and a virtual database of
 * each masked snapshot shows every customer with the same masked e-mail and phone in both engines, none of them the
 * original; the MariaDB copy's users to disable are locked. A masking job subsets and masks a MariaDB virtual
 * database in place, and a subset naming no table is a 400.
 */
class MariaDbMaskingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final String CUSTOMERS_PG = "select concat_ws('|', customer_id, email, phone) from customer "
            + "order by customer_id";
    private static final String CUSTOMERS_MARIADB = "SELECT CONCAT_WS('|', CustomerId, Email, Phone) FROM Customer "
            + "ORDER BY CustomerId";

    private static StrataHome home;
    private static PostgresCluster postgres;
    private static MariaDbServer mariadb;
    private static RoutedServices services;
    private static String admin;

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        postgres = PostgresCluster.start(Map.of());
        postgres.execute("postgres", "create database chinook", "create role app login replication password 'ap'");
        SampleDatabases.loadChinook(postgres, "chinook");
        postgres.execute("chinook", "grant select on all tables in schema public to app");
        mariadb = MariaDbServer.chinookSource();
        mariadb.execute("CREATE USER reporting@'%' IDENTIFIED BY 'rp'; GRANT SELECT ON Chinook.* TO reporting@'%';");
        services = RoutedServices.start(home, 40, true);
        admin = services.adminToken();
    }

    @AfterAll
    static void stop() {
        try {
            Teardown.of(home, postgres, services == null ? new ServiceProcess[0] : services.processes());
        } finally {
            if (mariadb != null) {
                mariadb.close();
            }
        }
    }

    private static RequestSpecification api() {
        return withToken(admin).baseUri(services.router().baseUrl()).contentType("application/json");
    }

    private static JsonPath awaitJob(String jobId) {
        return Jobs.awaitEnd(MariaDbMaskingIT::api, jobId, "SUCCEEDED", PATIENCE);
    }

    private static String link(Map<String, Object> source) {
        JsonPath linked = api().body(source).post("/api/v1/sources").then().log().ifValidationFails().statusCode(202)
                .extract().jsonPath();
        awaitJob(linked.getString("jobId"));
        return linked.getString("id");
    }

    /** A virtual database of a dataset's newest snapshot, once the provisioning service has heard of it. */
    private static String provision(String dataset, String name) {
        // Until the provisioning service has heard of the dataset a moment of it is a 404; after, a 400 (too early).
        await().atMost(PATIENCE).until(() -> api().body(Map.of("name", "probe", "from", Map.of("dataset", dataset,
                "timestamp", "1970-01-01T00:00:00Z"))).post("/api/v1/vdbs").then().extract().statusCode() == 400);
        JsonPath accepted = api().body(Map.of("name", name, "from", Map.of("dataset", dataset))).post("/api/v1/vdbs")
                .then().log().ifValidationFails().statusCode(202).extract().jsonPath();
        awaitJob(accepted.getString("jobId"));
        return accepted.getString("id");
    }

    private static List<String> inPostgresVdb(String vdb, String sql) throws SQLException {
        JsonPath view = api().get("/api/v1/vdbs/" + vdb).then().statusCode(200).extract().jsonPath();
        JsonPath login = api().get("/api/v1/vdbs/" + vdb + "/credentials").then().statusCode(200).extract()
                .jsonPath();
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + view.getString(
                "connection.host") + ":" + view.getInt("connection.port") + "/"
                + view.getString(
                        "connection.database"),
                login.getString("user"), login.getString("password"));
                ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static List<String> inMariaDbVdb(String vdb, String sql) {
        JsonPath view = api().get("/api/v1/vdbs/" + vdb).then().statusCode(200).extract().jsonPath();
        JsonPath login = api().get("/api/v1/vdbs/" + vdb + "/credentials").then().statusCode(200).extract()
                .jsonPath();
        return Arrays.asList(MariaDbServer.query(view.getString("connection.host"), view.getInt("connection.port"),
                login.getString("user"), login.getString("password"), view.getString("connection.database"), sql)
                .strip().split("\n"));
    }

    private static String ruleset() {
        Map<String, Object> none = Map.of();
        List<Map<String, Object>> rules = List.of(SampleDatabases.rule("customer", "email", "email", none),
                SampleDatabases.rule("customer", "phone", "phone", none), SampleDatabases.rule("customer", "fax",
                        "phone", none),
                SampleDatabases.rule("employee", "email", "email", none), SampleDatabases
                        .rule("employee", "phone", "phone", none),
                SampleDatabases.rule("employee", "fax",
                        "phone", none));
        return api().body(Map.of("name", "both-engines-" + UUID.randomUUID().toString().substring(0, 6), "rules",
                rules, "publicText", SampleDatabases.chinookPublicText())).post("/api/v1/rulesets").then().log()
                .ifValidationFails().statusCode(201).extract().path("id");
    }

    private static JsonPath maskedDataset(String name, String source, String ruleset) {
        JsonPath accepted = api().body(Map.of("name", name, "source", source, "ruleset", ruleset, "disableRoles",
                List.of("reporting"))).post("/api/v1/masked-datasets").then().log().ifValidationFails().statusCode(
                        202)
                .extract().jsonPath();
        awaitJob(accepted.getString("jobId"));
        return api().get("/api/v1/masked-datasets/" + accepted.getString("id")).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void oneRulesetMasksTheSameCustomerAlikeInPostgresqlAndMariaDb() throws SQLException {
        String pgSource = link(Map.of("name", "chinook-pg", "engine", "postgresql", "environment", "local",
                "connection", Map.of("host", "127.0.0.1", "port", postgres.port(), "database", "chinook", "user",
                        "app", "password", "ap")));
        String mariaSource = link(Map.of("name", "chinook-maria", "engine", "mariadb", "environment", "local",
                "connection", Map.of("host", "127.0.0.1", "port", mariadb.port(), "database", "Chinook", "user",
                        "linker", "password", MariaDbServer.LINKER_PASSWORD)));
        String ruleset = ruleset();
        // Profiling reads the MariaDB source through a temporary copy and finds its e-mail addresses.
        String profiling = api().body(Map.of("dataset", mariaSource)).post("/api/v1/profiling-jobs").then().log()
                .ifValidationFails().statusCode(202).extract().path("jobId");
        awaitJob(profiling);
        JsonPath inventory = api().get("/api/v1/profiling-jobs/" + profiling + "/inventory").then().statusCode(200)
                .extract().jsonPath();
        assertThat(inventory.getString("columns.find { it.table == 'Customer' && it.column == 'Email' }.kind"))
                .isEqualTo("EMAIL");

        JsonPath pgMasked = maskedDataset("chinook-pg-masked", pgSource, ruleset);
        JsonPath mariaMasked = maskedDataset("chinook-maria-masked", mariaSource, ruleset);

        List<String> pgCustomers = inPostgresVdb(provision(pgMasked.getString("id"), "pg-masked-vdb"), CUSTOMERS_PG);
        String mariaVdb = provision(mariaMasked.getString("id"), "maria-masked-vdb");
        List<String> mariaCustomers = inMariaDbVdb(mariaVdb, CUSTOMERS_MARIADB);
        assertThat(mariaCustomers).hasSize(59).isEqualTo(pgCustomers);
        List<String> original = Arrays.asList(mariadb.execute("USE Chinook; " + CUSTOMERS_MARIADB).strip().split(
                "\n"));
        for (int i = 0; i < original.size(); i++) {
            String[] before = original.get(i).split("\\|", -1);
            String[] after = mariaCustomers.get(i).split("\\|", -1);
            assertThat(after[0]).isEqualTo(before[0]);
            assertThat(after[1]).as("customer " + before[0] + "'s e-mail").isNotEqualTo(before[1]).contains("@");
        }
        // Production's users do not reach the copy: the one to disable is locked, its old password refused.
        JsonPath view = api().get("/api/v1/vdbs/" + mariaVdb).then().statusCode(200).extract().jsonPath();
        assertThatThrownBy(() -> MariaDbServer.query(view.getString("connection.host"), view.getInt(
                "connection.port"), "reporting", "rp", "Chinook", "SELECT 1"))
                .hasMessageMatching("(?s).*(locked|Access denied).*");
    }

    @Test
    void aMaskingJobSubsetsAndMasksAMariaDbVirtualDatabaseInPlaceAndLeavesTheSourceAlone() {
        String source = link(Map.of("name", "chinook-maria-job", "engine", "mariadb", "environment", "local",
                "connection", Map.of("host", "127.0.0.1", "port", mariadb.port(), "database", "Chinook", "user",
                        "linker", "password", MariaDbServer.LINKER_PASSWORD)));
        String vdb = provision(source, "maria-to-mask");
        String ruleset = ruleset();
        Map<String, String> emailsBefore = new HashMap<>();
        inMariaDbVdb(vdb, CUSTOMERS_MARIADB).forEach(row -> emailsBefore.put(row.split("\\|", -1)[0], row.split(
                "\\|", -1)[1]));

        api().body(Map.of("vdb", vdb, "ruleset", ruleset, "subset", Map.of("roots", List.of(Map.of("table",
                "customers", "where", "Country = 'Canada'"))))).post("/api/v1/masking-jobs").then().statusCode(400)
                .body("field", containsString("subset.roots[0]")).body("detail", containsString("customers"));
        awaitJob(api().body(Map.of("vdb", vdb, "ruleset", ruleset, "subset", Map.of("roots", List.of(Map.of("table",
                "customer", "where", "Country = 'Canada'"))))).post("/api/v1/masking-jobs").then().log()
                .ifValidationFails().statusCode(202).extract().path("jobId"));

        List<String> after = inMariaDbVdb(vdb, CUSTOMERS_MARIADB);
        assertThat(after).hasSize(8);
        for (String row : after) {
            String[] customer = row.split("\\|", -1);
            assertThat(customer[1]).as("customer " + customer[0]).isNotEqualTo(emailsBefore.get(customer[0]));
        }
        assertThat(inMariaDbVdb(vdb, "SELECT COUNT(*) FROM Invoice i LEFT JOIN Customer c USING (CustomerId) "
                + "WHERE c.CustomerId IS NULL")).containsExactly("0");
        assertThat(mariadb.execute("USE Chinook; SELECT COUNT(*) FROM Customer").strip()).isEqualTo("59");
    }
}
