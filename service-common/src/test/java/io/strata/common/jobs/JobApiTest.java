package io.strata.common.jobs;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.jobs.JobProgressed;
import io.strata.contracts.jobs.JobState;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/** The jobs API every service has, and the events that every job change publishes. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class JobApiTest {

    @Inject
    JobService jobs;

    @Inject
    EventCodec codec;

    @Test
    void jobLifecycleIsVisibleOverRestAndAsOrderedEvents() {
        Job job = jobs.create("test.copy", "volume-7", "tester");
        jobs.start(job.id, "copying");
        jobs.progress(job.id, 60, "copying files");
        jobs.succeed(job.id, "copied");

        given().get("/api/v1/jobs/" + job.id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("percent", equalTo(100)).body("kind", equalTo("test.copy"))
                .body("service", equalTo("backbone")).body("resource", equalTo("volume-7"));
        given().queryParam("resource", "volume-7").get("/api/v1/jobs").then().statusCode(200)
                .body("id", hasItem(job.id.toString()));
        given().queryParam("state", "running").queryParam("resource", "volume-7").get("/api/v1/jobs").then()
                .statusCode(200).body("size()", equalTo(0));

        String topic = Topics.events(StrataTestEnvironment.topicPrefix(), "backbone");
        try (TopicClient reader = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), topic)) {
            var records = reader.awaitRecords(seen -> reader.envelopes(seen).stream()
                    .filter(e -> e.subject().equals(job.id.toString())).count() == 4, Duration.ofSeconds(60));
            List<JobProgressed> changes = reader.envelopes(records).stream()
                    .filter(e -> e.subject().equals(job.id.toString()))
                    .map(e -> codec.payload(e, JobProgressed.class)).toList();
            assertThat(changes).extracting(JobProgressed::sequence).containsExactly(1L, 2L, 3L, 4L);
            assertThat(changes).extracting(change -> change.job().state()).containsExactly(JobState.PENDING,
                    JobState.RUNNING, JobState.RUNNING, JobState.SUCCEEDED);
        }
    }

    @Test
    void cancelingEndsAPendingJobAndRefusesAnEndedOne() {
        Job job = jobs.create("test.wait", "volume-8", "tester");

        given().post("/api/v1/jobs/" + job.id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELED"));
        given().post("/api/v1/jobs/" + job.id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already ended"));
    }

    @Test
    void cancelingARunningJobFlagsItForItsOwner() {
        Job job = jobs.create("test.long", "volume-9", "tester");
        jobs.start(job.id, "working");

        given().post("/api/v1/jobs/" + job.id + "/cancel").then().statusCode(200).body("state", equalTo("RUNNING"))
                .body("cancelRequested", equalTo(true));
        assertThat(jobs.isCancelRequested(job.id)).isTrue();
    }

    @Test
    void badInputGetsAProblemNamingTheField() {
        given().get("/api/v1/jobs/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id")).body("detail", containsString("not a job id"));
        given().get("/api/v1/jobs/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("detail", containsString("No job with id"));
        given().queryParam("state", "SLEEPING").get("/api/v1/jobs").then().statusCode(400)
                .body("field", equalTo("state")).body("detail", containsString("SUCCEEDED"));
        given().queryParam("limit", "0").get("/api/v1/jobs").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theCorrelationIdOfARequestComesBack() {
        given().header("X-Correlation-Id", "trace-42").get("/api/v1/jobs").then().statusCode(200)
                .header("X-Correlation-Id", "trace-42");
    }
}
