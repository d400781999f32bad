package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.restassured.path.json.JsonPath;
import io.strata.testing.ServiceProcess;

/** Following a job of a service under test to its end. */
final class Jobs {

    private Jobs() {
    }

    /** Waits until the job has ended, checks it ended as {@code expected} (showing its error if not), returns it. */
    static JsonPath awaitEnd(ServiceProcess service, String jobId, String expected, Duration patience) {
        await().atMost(patience).until(() -> {
            String state = given().baseUri(service.baseUrl()).get("/api/v1/jobs/" + jobId).then().extract().path(
                    "state");
            return state != null && !state.equals("PENDING") && !state.equals("RUNNING");
        });
        JsonPath job = given().baseUri(service.baseUrl()).get("/api/v1/jobs/" + jobId).then().extract().jsonPath();
        assertThat(job.getString("state")).as("job " + jobId + ": " + job.getString("error")).isEqualTo(expected);
        return job;
    }
}
