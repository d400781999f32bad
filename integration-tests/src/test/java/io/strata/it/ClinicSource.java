package io.strata.it;

import static io.strata.testing.Api.given;

import java.time.Duration;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;

/** The {@code clinic} database of a test's PostgreSQL source (user {@code app}), linked through the ingest service. */
final class ClinicSource {

    private ClinicSource() {
    }

    /**
     * A PostgreSQL server of its own with database {@code clinic}: table {@code visits (id, note)} holding one row
     * with {@code firstNote}, readable and writable by user {@code app} (password {@code ap}, may replicate).
     */
    static PostgresCluster start(String firstNote) {
        PostgresCluster source = PostgresCluster.start(Map.of());
        source.execute("postgres", "create database clinic", "create role app login replication password 'ap'");
        source.execute("clinic", "create table visits (id serial primary key, note text)",
                "insert into visits (note) values ('" + firstNote + "')", "grant all on visits to app",
                "grant all on sequence visits_id_seq to app");
        return source;
    }

    /** Links it as source {@code clinic} and waits until the link succeeded; the source's id. */
    static String link(ServiceProcess ingest, PostgresCluster source, Duration patience) {
        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name",
                "clinic", "engine", "postgresql", "connection", Map.of("host", "127.0.0.1", "port", source.port(),
                        "database", "clinic", "user", "app", "password", "ap")))
                .post("/api/v1/sources").then().log().ifValidationFails().statusCode(202).extract().jsonPath();
        Jobs.awaitEnd(ingest, linked.getString("jobId"), "SUCCEEDED", patience);
        return linked.getString("id");
    }
}
