package io.strata.catalog.jobs;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.jobs.JobCancelRequested;
import io.strata.contracts.jobs.JobProgressed;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/** The catalog joins every service's jobs from their events; the test plays the snapshot service. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class JoinedJobViewTest {

    @Inject
    EventCodec codec;

    private void publishAsSnapshotService(JobView job, long sequence) {
        String topic = Topics.events(StrataTestEnvironment.topicPrefix(), Topics.SNAPSHOT);
        TopicClient.send(StrataTestEnvironment.kafka().bootstrapServers(), topic, job.id().toString(),
                codec.encodeToString(codec.envelope(Topics.SNAPSHOT, new JobProgressed(job, sequence), "c1", null)));
    }

    private static JobView job(UUID id, JobState state, int percent, String step) {
        return new JobView(id, "volume.clone", "volume-1", Topics.SNAPSHOT, state, percent, step, null, false,
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:01Z"), null);
    }

    @Test
    void anotherServicesJobShowsUpWithItsHistory() {
        UUID id = UUID.randomUUID();
        publishAsSnapshotService(job(id, JobState.RUNNING, 10, "cloning"), 2);
        publishAsSnapshotService(job(id, JobState.RUNNING, 90, "exporting"), 3);
        // Arrives late: kept in the history, but the view does not go back.
        publishAsSnapshotService(job(id, JobState.PENDING, 0, "waiting"), 1);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/jobs/" + id + "/history")
                .then().statusCode(200).body("size()", equalTo(3)));
        given().get("/api/v1/jobs/" + id).then().statusCode(200).body("service", equalTo("snapshot"))
                .body("percent", equalTo(90)).body("step", equalTo("exporting"));
        given().get("/api/v1/jobs/" + id + "/history").then().body("sequence", org.hamcrest.Matchers.contains(1, 2, 3));
    }

    @Test
    void cancelingAnotherServicesJobAsksThatService() {
        UUID id = UUID.randomUUID();
        publishAsSnapshotService(job(id, JobState.RUNNING, 50, "copying"), 1);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/api/v1/jobs/" + id).then().statusCode(200));

        given().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(200);

        String topic = Topics.events(StrataTestEnvironment.topicPrefix(), Topics.CATALOG);
        try (TopicClient reader = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), topic)) {
            var envelope = reader.awaitEnvelope(e -> e.subject().equals(id.toString()), Duration.ofSeconds(60));
            JobCancelRequested request = codec.payload(envelope, JobCancelRequested.class);
            assertThat(request.service()).isEqualTo("snapshot");
        }
    }
}
