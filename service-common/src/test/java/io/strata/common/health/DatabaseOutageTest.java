package io.strata.common.health;

import static io.strata.testing.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.PostgresCluster;
import io.strata.testing.PrivatePostgresEnvironment;
import io.strata.testing.StrataTestEnvironment;

/** Readiness goes DOWN, naming the database URL, while the database is away, and UP again when it is back. */
@QuarkusTest
@WithTestResource(PrivatePostgresEnvironment.class)
class DatabaseOutageTest {

    @Test
    void readinessFollowsTheDatabase() {
        PostgresCluster postgres = StrataTestEnvironment.postgres();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        postgres.stopServer();
        given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("Cannot reach database at jdbc:postgresql://127.0.0.1:" + postgres.port()));

        postgres.startServer();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/api/v1/jobs").then().statusCode(200);
    }
}
