package io.strata.bench;

import static io.strata.testing.Api.given;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.restassured.path.json.JsonPath;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;

/** What the benchmarks share: waiting for a service's job, and running pgbench against a cluster. */
final class BenchSupport {

    private static final Duration PATIENCE = Duration.ofHours(1);

    private BenchSupport() {
    }

    /** Waits until the job has SUCCEEDED, looking every {@code poll}; fails on FAILED or CANCELED. */
    static JsonPath awaitJob(ServiceProcess service, String jobId, Duration poll) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = given().baseUri(service.baseUrl()).get("/api/v1/jobs/" + jobId).then().extract()
                    .jsonPath();
            String state = job.getString("state");
            if ("SUCCEEDED".equals(state)) {
                return job;
            }
            if ("FAILED".equals(state) || "CANCELED".equals(state)) {
                throw new IllegalStateException("job " + jobId + " " + state + ": " + job.getString("error"));
            }
            Thread.sleep(poll.toMillis());
        }
        throw new IllegalStateException("job " + jobId + " did not finish");
    }

    /** Runs pgbench to its end; fails with its output unless it exits with 0. */
    static void pgbench(PostgresCluster cluster, String... args) throws Exception {
        Process process = pgbenchProcess(cluster, args);
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
    }

    /** Starts pgbench against the cluster as its superuser, output and errors on one stream. */
    static Process pgbenchProcess(PostgresCluster cluster, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(PostgresCluster.binDir().toString(), "pgbench")
                .toString(), "-h", "127.0.0.1", "-p", String.valueOf(cluster.port()), "-U", cluster.superuser()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", cluster.password());
        return builder.start();
    }
}
