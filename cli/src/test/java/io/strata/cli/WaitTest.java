package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code --wait} and {@code job watch}: the job followed to its end, a line per change, then the resource. */
class WaitTest {

    private static final String JOB = "GET /jobs/j-1";

    private static String job(String state, int percent, String step, String error) {
        return "{\"id\":\"j-1\",\"kind\":\"vdb.create\",\"resource\":\"vdb-1\",\"state\":\"" + state + "\","
                + "\"percent\":" + percent + ",\"step\":" + (step == null ? "null" : "\"" + step + "\"")
                + ",\"error\":" + (error == null ? "null" : "\"" + error + "\"") + "}";
    }

    private static FakeServer creating() {
        return new FakeServer().answer("POST /vdbs", 202, "{\"id\":\"vdb-1\",\"jobId\":\"j-1\"}");
    }

    @Test
    void createFollowsTheJobThenShowsTheVirtualDatabase() {
        FakeServer server = creating().answer(JOB, 404, "{\"detail\":\"no job j-1 yet\"}").answer(JOB, 200, job(
                "RUNNING", 10, "clone", null)).answer(JOB, 200, job("RUNNING", 10, "clone", null)).answer(JOB, 200,
                        job("RUNNING", 60, "start engine", null))
                .answer(JOB, 200, job("SUCCEEDED", 100, null, null)).answer("GET /vdbs/vdb-1", 200, "{\"id\":"
                        + "\"vdb-1\",\"name\":\"qa\",\"status\":\"RUNNING\",\"connection\":{\"port\":6001}}");

        FakeServer.Run run = server.run("vdb", "create", "qa", "--from-dataset", "clinic", "--wait");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines()).containsExactly("vdb.create vdb-1 RUNNING  10% clone",
                "vdb.create vdb-1 RUNNING  60% start engine", "vdb.create vdb-1 SUCCEEDED 100%");
        assertThat(run.out()).contains("qa", "vdb-1", "RUNNING", "6001").doesNotContain("Accepted");
    }

    @Test
    void aFailedJobEndsWithItsOwnCodeAndItsError() {
        FakeServer server = creating().answer(JOB, 200, job("FAILED", 40, "start engine", "port 6001 is taken; "
                + "give another --port"));

        FakeServer.Run run = server.run("vdb", "create", "qa", "--from-dataset", "clinic", "--wait");

        assertThat(run.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(run.err().lines()).last().isEqualTo("error: job j-1 (vdb.create vdb-1) FAILED: port 6001 is "
                + "taken; give another --port");
    }

    @Test
    void aJobThatStaysUnknownIsNotFound() {
        FakeServer.Run run = new FakeServer().answer(JOB, 404, "{\"detail\":\"No job j-1.\"}").run("job", "watch",
                "j-1");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).isEqualTo("error: No job j-1." + System.lineSeparator());
    }

    @Test
    void watchPrintsTheEndedJobAsJson() throws Exception {
        FakeServer.Run run = new FakeServer().answer(JOB, 200, job("SUCCEEDED", 100, "done", null)).run("job",
                "watch", "j-1", "-o", "json");

        assertThat(new ObjectMapper().readTree(run.out()).path("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void onATerminalTheBarShowsThePercentAndTheStep() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertThat(JobFollower.barLine(json.readTree(job("RUNNING", 50, "copy the data files", null))))
                .startsWith("[############------------]  50% copy the data files");
        assertThat(JobFollower.barLine(json.readTree(job("RUNNING", 250, "x".repeat(60), null))))
                .isEqualTo("[########################] 100% " + "x".repeat(45) + "...");
    }
}
