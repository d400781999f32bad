package io.strata.bench;

import static io.strata.testing.Api.given;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.restassured.path.json.JsonPath;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;

/** What the benchmarks share: waiting for a service's job, and running pgbench against a cluster. */
final class BenchSupport {

    private static final Duration PATIENCE = Duration.ofHours(1);

    /** The key of the job's own time in {@link #awaitJobSteps}' answer. */
    static final String JOB_TIME = "the job, created to ended";

    private BenchSupport() {
    }

    /** Waits until the job has SUCCEEDED, looking every {@code poll}; fails on FAILED or CANCELED. */
    static JsonPath awaitJob(ServiceProcess service, String jobId, Duration poll) throws InterruptedException {
        return awaitJob(service, jobId, poll, job -> {
        });
    }

    /** As {@link #awaitJob(ServiceProcess, String, Duration)}, showing {@code look} the job at every look. */
    private static JsonPath awaitJob(ServiceProcess service, String jobId, Duration poll, Consumer<JsonPath> look)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = given().baseUri(service.baseUrl()).get("/api/v1/jobs/" + jobId).then().extract()
                    .jsonPath();
            look.accept(job);
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

    /**
     * Waits until the job has SUCCEEDED, as {@link #awaitJob}, and returns how long the job showed each of its steps
     * (the job's {@code step} text, in order), looking every {@code poll}: where a job's time goes, from outside; the
     * last entry is the job's own time, from its creation to its end, as the service recorded it.
     */
    static Map<String, Double> awaitJobSteps(ServiceProcess service, String jobId, Duration poll)
            throws InterruptedException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Consumer<JsonPath> clock = new Consumer<>() {

            private String step = "requested";
            private long since = System.nanoTime();

            @Override
            public void accept(JsonPath job) {
                String state = job.getString("state");
                String now = "SUCCEEDED".equals(state) ? state : String.valueOf(job.getString("step"));
                if (!now.equals(step)) {
                    long at = System.nanoTime();
                    seconds.merge(step, (at - since) / 1e9, Double::sum);
                    step = now;
                    since = at;
                }
            }
        };
        JsonPath ended = awaitJob(service, jobId, poll, clock);
        seconds.put(JOB_TIME, Duration.between(Instant.parse(ended.getString("createdAt")), Instant.parse(ended
                .getString("endedAt"))).toNanos() / 1e9);
        return seconds;
    }

    /**
     * Links a source through the ingest service, waits for the link's job, then until the provisioning service knows
     * the source's first snapshot (it learns of it from the snapshot service's event; until then a request naming a
     * bookmark of the source is a 404, then a 400); the source's id.
     */
    static String link(ServiceProcess ingest, ServiceProcess provisioning, Map<String, Object> source)
            throws InterruptedException {
        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(source).post(
                "/api/v1/sources").then().statusCode(202).extract().jsonPath();
        String sourceId = linked.getString("id");
        awaitJob(ingest, linked.getString("jobId"), Duration.ofMillis(10));
        Instant deadline = Instant.now().plusSeconds(60);
        // The provisioning service learns of the snapshot from an event: until then a moment of the dataset is a 404
        // (no such dataset), after it a 400 (a moment before the dataset's window, or a dataset keeping no log).
        while (given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "probe",
                "from", Map.of("dataset", sourceId, "timestamp", "1970-01-01T00:00:00Z"))).post("/api/v1/vdbs")
                .then().extract().statusCode() != 400 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        return sourceId;
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
