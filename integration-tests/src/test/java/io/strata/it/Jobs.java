package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Supplier;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.strata.testing.ServiceProcess;

/** Following a job of a service under test to its end. */
final class Jobs {

    private Jobs() {
    }

    /** Waits until the job has ended, checks it ended as {@code expected} (showing its error if not), returns it. */
    static JsonPath awaitEnd(ServiceProcess service, String jobId, String expected, Duration patience) {
        return awaitEnd(() -> given().baseUri(service.baseUrl()), jobId, expected, patience);
    }

    /**
     * Waits until the job, read through requests {@code api} makes (a service's or the router's, with a token), has
     * ended; checks it ended as {@code expected} (showing its error if not) and returns it.
     */
    static JsonPath awaitEnd(Supplier<RequestSpecification> api, String jobId, String expected, Duration patience) {
        await().atMost(patience).until(() -> {
            String state = api.get().get("/api/v1/jobs/" + jobId).then().extract().path("state");
            return state != null && !state.equals("PENDING") && !state.equals("RUNNING");
        });
        JsonPath job = api.get().get("/api/v1/jobs/" + jobId).then().extract().jsonPath();
        assertThat(job.getString("state")).as("job " + jobId + ": " + job.getString("error")).isEqualTo(expected);
        return job;
    }
}
