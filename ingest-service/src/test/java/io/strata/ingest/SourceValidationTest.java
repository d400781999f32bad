package io.strata.ingest;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;

/**
 * Bad link requests against real source clusters: each refused with a 400 that says what is wrong and what to do,
 * before anything is made (no source, no replication slot).
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class SourceValidationTest {

    private static PostgresCluster source;
    private static PostgresCluster minimalWal;
    private static PostgresCluster noSlots;

    @BeforeAll
    static void start() {
        source = PostgresCluster.start(Map.of());
        source.execute("postgres", "create database appdb", "create role linker login replication password 'lp'",
                "create role plain login password 'pp'");
        minimalWal = PostgresCluster.start(Map.of("wal_level", "minimal", "max_wal_senders", "0"));
        minimalWal.execute("postgres", "create role linker login replication password 'lp'");
        noSlots = PostgresCluster.start(Map.of("max_replication_slots", "1"));
        noSlots.execute("postgres", "create role linker login replication password 'lp'",
                "select pg_create_physical_replication_slot('someone_else')");
    }

    @AfterAll
    static void stop() {
        source.close();
        minimalWal.close();
        noSlots.close();
    }

    private static Map<String, Object> postgres(String name, int port, String database, String user,
            String password) {
        Map<String, Object> connection = new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "database", database,
                "user", user));
        if (password != null) {
            connection.put("password", password);
        }
        return new HashMap<>(Map.of("name", name, "engine", "postgresql", "environment", "local", "connection",
                connection));
    }

    private static void refused(Map<String, Object> body, String field, String detail) {
        var response = given().contentType("application/json").body(body).post("/api/v1/sources").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString(detail));
        if (field != null) {
            response.body("field", equalTo(field));
        }
    }

    @Test
    void fieldsAreCheckedAgainstThePluginSchema() {
        refused(Map.of("name", "a", "engine", "oracle"), "engine",
                "engine must be one of [files, mariadb, postgresql]");
        refused(postgres("a", source.port(), "appdb", "linker", null), "connection.password",
                "connection.password is required");
        refused(postgres("a", 70000, "appdb", "linker", "lp"), "connection.port", "between 1 and 65535");
        Map<String, Object> cron = postgres("a", source.port(), "appdb", "linker", "lp");
        cron.put("syncPolicy", Map.of("cron", "every hour"));
        refused(cron, "syncPolicy.cron", "five fields");
        refused(Map.of("name", "f", "engine", "files", "environment", "nowhere", "path", "/tmp"), "environment",
                "not a registered environment");
    }

    @Test
    void theSourceItselfIsCheckedBeforeAnythingIsMade() throws Exception {
        refused(postgres("a", source.port(), "appdb", "plain", "pp"), "connection",
                "has neither REPLICATION nor SUPERUSER");
        refused(postgres("a", source.port(), "appdb", "linker", "wrong"), "connection", "password was refused");
        refused(postgres("a", source.port(), "nosuchdb", "linker", "lp"), "connection", "does not exist");
        refused(postgres("a", Ports.free(), "appdb", "linker", "lp"), "connection", "Cannot connect");
        refused(postgres("a", minimalWal.port(), "postgres", "linker", "lp"), "connection", "wal_level is minimal");
        refused(postgres("a", noSlots.port(), "postgres", "linker", "lp"), "connection",
                "no free replication slot");
        refused(Map.of("name", "f", "engine", "files", "environment", "local", "path", "/does/not/exist"), "path",
                "does not exist");

        given().get("/api/v1/sources").then().statusCode(200).body("size()", equalTo(0));
        try (var connection = source.connect("postgres");
                ResultSet slots = connection.createStatement()
                        .executeQuery("select count(*) from pg_replication_slots")) {
            slots.next();
            assertThat(slots.getInt(1)).as("no replication slot left on the source").isZero();
        }
    }
}
