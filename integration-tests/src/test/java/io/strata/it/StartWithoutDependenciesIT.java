package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * A service started while its database and the broker are down says so once, in one line with the URL it tried,
 * stays up with readiness DOWN, and becomes ready by itself when they appear.
 */
class StartWithoutDependenciesIT {

    @Test
    void aServiceWaitsForItsDatabaseAndBrokerAndSaysWhatItTried() {
        int postgresPort = Ports.free();
        int kafkaPort = Ports.free();
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/strata_snapshot";
        // A home of its own: with the machine's default one, the service would reconcile the pool of the runtime
        // that `make up` started (its database knows none of that pool's volumes).
        try (StrataHome home = StrataHome.create();
                ServiceProcess snapshot = ServiceProcess.of("snapshot-service")
                        .with(Map.of("quarkus.datasource.jdbc.url",
                                jdbcUrl, "quarkus.datasource.username", "strata_snapshot",
                                "quarkus.datasource.password",
                                "it-secret", "strata.events.bootstrap-servers", "127.0.0.1:" + kafkaPort,
                                "strata.events.topic-prefix", Backbone.freshPrefix(), "strata.home", home.toString()))
                        .launch()) {

            await().atMost(Duration.ofSeconds(60)).until(() -> snapshot.readinessStatus() == 503);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(snapshot.baseUrl())
                    .get("/q/health/ready").then().statusCode(503)
                    .body(containsString("Cannot reach database at " + jdbcUrl))
                    .body(containsString("Cannot reach Kafka broker at 127.0.0.1:" + kafkaPort)));
            given().baseUri(snapshot.baseUrl()).get("/api/v1/jobs").then().statusCode(503)
                    .contentType("application/problem+json").body("detail", containsString("starting"));
            // Retries every 2 s, but the log says it once.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                    .until(() -> occurrences(snapshot.log(), "Cannot reach database at " + jdbcUrl) == 1);
            assertThat(occurrences(snapshot.log(), "Cannot reach Kafka broker at 127.0.0.1:" + kafkaPort)).isEqualTo(1);
            assertThat(snapshot.isAlive()).isTrue();

            try (PostgresCluster postgres = PostgresCluster.start(postgresPort, Map.of());
                    KafkaBroker broker = KafkaBroker.start(kafkaPort)) {
                postgres.execute("postgres", "create role strata_snapshot login password 'it-secret'",
                        "create database strata_snapshot owner strata_snapshot");

                snapshot.awaitReady(Duration.ofSeconds(60));
                given().baseUri(snapshot.baseUrl()).get("/api/v1/jobs").then().statusCode(200);
                assertThat(snapshot.log()).contains("answers again");
            }
        }
    }

    private static long occurrences(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).count();
    }
}
