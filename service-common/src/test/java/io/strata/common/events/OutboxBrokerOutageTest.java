package io.strata.common.events;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobService;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.jobs.JobProgressed;
import io.strata.contracts.jobs.JobState;
import io.strata.testing.KafkaBroker;
import io.strata.testing.PrivateKafkaEnvironment;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/** An event committed while the broker is down waits in the outbox and is delivered once the broker is back. */
@QuarkusTest
@WithTestResource(PrivateKafkaEnvironment.class)
class OutboxBrokerOutageTest {

    @Inject
    JobService jobs;

    @Inject
    EventCodec codec;

    @Test
    void eventCommittedWhileTheBrokerIsDownIsDeliveredWhenItComesBack() {
        KafkaBroker broker = StrataTestEnvironment.kafka();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        broker.kill();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503).body(containsString("Cannot reach Kafka broker at " + broker.bootstrapServers())));

        Job job = jobs.create("test.outage", "resource-1", "tester");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(pendingFor(job)).as("row waits in the outbox").isEqualTo(1));

        broker.startProcess();
        String topic = Topics.events(StrataTestEnvironment.topicPrefix(), "backbone");
        try (TopicClient reader = new TopicClient(broker.bootstrapServers(), topic)) {
            EventEnvelope delivered = reader.awaitEnvelope(envelope -> envelope.subject().equals(job.id.toString()),
                    Duration.ofSeconds(60));
            JobProgressed progressed = codec.payload(delivered, JobProgressed.class);
            assertThat(progressed.job().state()).isEqualTo(JobState.PENDING);
            assertThat(progressed.job().kind()).isEqualTo("test.outage");
            assertThat(delivered.source()).isEqualTo("backbone");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pendingFor(job)).isZero());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private long pendingFor(Job job) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxRecord
                .count("recordKey = ?1 and publishedAt is null", job.id.toString()));
    }
}
