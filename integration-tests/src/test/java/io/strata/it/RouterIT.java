package io.strata.it;

import static io.strata.testing.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;

/** Through the router, the one base URL, a user reaches the catalog's joined job view. */
class RouterIT {

    @Test
    void theRouterSendsJobsToTheCatalog() {
        PostgresCluster postgres = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        String prefix = Backbone.freshPrefix();
        try (ServiceProcess catalog = ServiceProcess.of("catalog-service").withDatabase(postgres)
                .withBroker(broker, prefix).start();
                ServiceProcess router = ServiceProcess.of("router")
                        .with("strata.router.services.catalog.url", catalog.baseUrl())
                        // Nothing listens there, whatever else runs on this machine.
                        .with("strata.router.services.provisioning.url", "http://127.0.0.1:" + Ports.free())
                        .start()) {
            UUID job = UUID.randomUUID();
            Backbone.publishJobAsSnapshotService(broker, prefix, job, 3);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(router.baseUrl())
                    .get("/api/v1/jobs/" + job).then().statusCode(200).body("service", equalTo("snapshot")));
            given().baseUri(router.baseUrl()).header("X-Correlation-Id", "it-1").get("/api/v1/jobs").then()
                    .statusCode(200).header("X-Correlation-Id", "it-1").body("id", org.hamcrest.Matchers.hasItem(
                            job.toString()));
            given().baseUri(router.baseUrl()).get("/api/v1/vdbs").then().statusCode(503)
                    .body("detail", containsString("provisioning service"));
        }
    }
}
