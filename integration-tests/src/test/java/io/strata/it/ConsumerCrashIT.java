package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.strata.testing.KafkaBroker;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;

/**
 * A consumer killed with SIGKILL after applying an event but before committing its offset gets the event again
 * after restart and does not apply it twice. The catalog is the consumer; the test publishes as the snapshot service.
 */
class ConsumerCrashIT {

    @Test
    void aConsumerKilledBeforeCommittingItsOffsetDoesNotApplyTheEventTwice() {
        PostgresCluster postgres = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        String prefix = Backbone.freshPrefix();
        Map<String, String> database = postgres.datasourceConfig(postgres.createDatabase());
        UUID first = UUID.randomUUID();

        // An hour between offset commits: the kill below is certain to land after the apply and before the commit.
        try (ServiceProcess catalog = ServiceProcess.of("catalog-service").with(database).withBroker(broker, prefix)
                .with("strata.events.consumer.commit-interval", "1h").start()) {
            Backbone.publishJobAsSnapshotService(broker, prefix, first, 1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(catalog.baseUrl())
                    .get("/api/v1/jobs/" + first + "/history").then().statusCode(200).body("size()", equalTo(1)));
            catalog.kill();
        }

        try (ServiceProcess restarted = ServiceProcess.of("catalog-service").with(database)
                .withBroker(broker, prefix).start()) {
            UUID second = UUID.randomUUID();
            Backbone.publishJobAsSnapshotService(broker, prefix, second, 1);
            // Same partition order is not guaranteed across keys, so wait for the redelivered one explicitly.
            await().atMost(Duration.ofSeconds(60)).until(() -> Backbone.counter(restarted.get("/q/metrics"),
                    "strata_events_consumed_total", "outcome=\"duplicate\"") >= 1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(restarted.baseUrl())
                    .get("/api/v1/jobs/" + second).then().statusCode(200));

            given().baseUri(restarted.baseUrl()).get("/api/v1/jobs/" + first + "/history").then().statusCode(200)
                    .body("size()", equalTo(1));
            assertThat(restarted.log()).contains("Skipped duplicate delivery of JobProgressed").as(
                    "the restarted catalog saw the event again");
        }
    }
}
