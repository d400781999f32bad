package io.strata.bench;

import static io.strata.testing.Api.given;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.strata.contracts.events.Topics;
import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * {@code make bench-provision}: for a 1 GB and a 10 GB PostgreSQL source (pgbench -i -s 70 and -s 700), the time
 * from {@code POST /vdbs} until the virtual database accepts connections, alone, and five and ten requested at once
 * (each VDB's ready time, and the median of each step from the provisioning service's job events), against a full copy
 * (pg_basebackup into a new directory and start) of the same source; and the time of a refresh and a rewind. Both
 * sources are linked first and the single provisions alternate between them, so that neither size profits from
 * going later (the services' JIT warms up as the run goes).
 */
public final class ProvisionBench {

    /** Provisions not counted: the services' code paths are still being compiled by the JIT. */
    private static final int WARM_UP = 5;

    /** Provisions counted for each size. */
    private static final int ROUNDS = 10;

    public static void main(String[] args) throws Exception {
        int[] scales = args.length > 0
                ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[]{70, 700};
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
        List<PostgresCluster> sources = new ArrayList<>();
        try (PostgresCluster state = PostgresCluster.start(Map.of());
                KafkaBroker kafka = KafkaBroker.start();
                StrataHome home = StrataHome.create()) {
            Map<String, String> common = Map.of("strata.home", home.toString(), "quarkus.log.level", "WARN");
            int poolGigabytes = java.util.Arrays.stream(scales).map(scale -> scale / 70 * 3 + 4).sum() + 8;
            try (ServiceProcess snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(kafka,
                    prefix).with(common).with(Map.of("strata.snapshot.pool.driver", "btrfs",
                            "strata.snapshot.pool.size", poolGigabytes + "G", "strata.snapshot.nfs.port", String
                                    .valueOf(Ports.free())))
                    .start();
                    ServiceProcess provisioning = ServiceProcess.of("provisioning-service").withDatabase(state)
                            .withBroker(kafka, prefix).with(common).with("strata.provisioning.ports", "17500-17600")
                            .start();
                    ServiceProcess ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(kafka,
                            prefix).with(common).with("strata.ingest.staging.ports", "17700-17720").start()) {
                Map<Integer, Linked> linked = new java.util.TreeMap<>();
                for (int scale : scales) {
                    PostgresCluster source = PostgresCluster.start(Map.of("max_wal_size", "'4GB'"));
                    sources.add(source);
                    linked.put(scale, link(source, ingest, provisioning, scale));
                }

                Map<Integer, Stats> single = new java.util.TreeMap<>();
                List<String> report = new ArrayList<>();
                try (JobSteps steps = new JobSteps(kafka.bootstrapServers(), prefix, Topics.PROVISIONING)) {
                    Map<Integer, Map<String, Instant>> singleJobs = oneAtATime(provisioning, linked, single);
                    for (int scale : scales) {
                        System.out.println("one VDB of " + scale + ", median steps: " + steps.medians(singleJobs.get(
                                scale)) + "; " + steps.cloneHops(singleJobs.get(scale).values().iterator().next()));
                        report.add(measure(linked.get(scale), home, provisioning, single.get(scale), steps));
                    }
                }
                System.out.println();
                System.out.println("Results (docs/benchmarks.md):");
                report.forEach(System.out::println);
                if (single.size() == 2) {
                    var sizes = new ArrayList<>(single.keySet());
                    System.out.printf("one VDB p50, large ÷ small = %.2f (goal within 20%%)%n", single.get(sizes.get(1))
                            .p50() / single.get(sizes.get(0)).p50());
                }
            } finally {
                new ProcessBuilder("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true").start().waitFor();
                sources.forEach(PostgresCluster::close);
            }
        }
    }

    /**
     * Warms up, then provisions and deletes one VDB at a time of each source, {@link #ROUNDS} times; adds each ready
     * time to {@code single} and returns the jobs with their start, by scale.
     */
    private static Map<Integer, Map<String, Instant>> oneAtATime(ServiceProcess provisioning,
            Map<Integer, Linked> linked, Map<Integer, Stats> single) throws Exception {
        String first = linked.values().iterator().next().sourceId();
        for (int i = 0; i < WARM_UP; i++) {
            delete(provisioning, provision(provisioning, "warm-" + i, first).getString("id"));
        }
        Map<Integer, Map<String, Instant>> jobs = new java.util.TreeMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            for (Map.Entry<Integer, Linked> source : linked.entrySet()) {
                int scale = source.getKey();
                Instant started = Instant.now();
                long begin = System.nanoTime();
                JsonPath vdb = provision(provisioning, "one-" + scale + "-" + i, source.getValue().sourceId());
                single.computeIfAbsent(scale, key -> new Stats()).add(System.nanoTime() - begin);
                jobs.computeIfAbsent(scale, key -> new LinkedHashMap<>()).put(vdb.getString("jobId"), started);
                delete(provisioning, vdb.getString("id"));
            }
        }
        return jobs;
    }

    /** A linked source: its cluster, the source's id, and its size. */
    record Linked(PostgresCluster source, int scale, String sourceId, String size) {
    }

    /**
     * Fills a source with {@code pgbench -i -s scale}, links it as {@code bench<scale>} and waits until the
     * provisioning service knows its first snapshot.
     */
    static Linked link(PostgresCluster source, ServiceProcess ingest, ServiceProcess provisioning, int scale)
            throws Exception {
        source.execute("postgres", "create database bench", "create role linker login replication password 'lp'");
        long start = System.nanoTime();
        BenchSupport.pgbench(source, "-i", "-q", "-s", String.valueOf(scale), "bench");
        source.execute("bench", "grant all on all tables in schema public to linker", "grant pg_checkpoint to linker");
        String size;
        try (var connection = source.connect("bench");
                var result = connection.createStatement().executeQuery(
                        "select pg_size_pretty(pg_database_size('bench'))")) {
            result.next();
            size = result.getString(1);
        }
        System.out.printf("pgbench -i -s %d: %s in %.0f s%n", scale, size, (System.nanoTime() - start) / 1e9);
        String sourceId = BenchSupport.link(ingest, provisioning, Map.of("name", "bench" + scale, "engine",
                "postgresql", "connection", Map.of("host", "127.0.0.1", "port", source.port(), "database", "bench",
                        "user", "linker", "password", "lp")));
        return new Linked(source, scale, sourceId, size);
    }

    /** Ten at once, refresh and rewind, and the full copy, for one size; the report's line. */
    private static String measure(Linked linked, StrataHome home, ServiceProcess provisioning, Stats one,
            JobSteps steps) throws Exception {
        int scale = linked.scale();
        AtOnce five = atOnce(provisioning, linked, 5, steps);
        for (String id : five.ids()) {
            delete(provisioning, id);
        }
        AtOnce ten = atOnce(provisioning, linked, 10, steps);
        List<String> ids = ten.ids();
        double parallelSeconds = ten.allReadySeconds();

        Stats refresh = new Stats();
        Stats rewind = new Stats();
        String target = ids.get(0);
        String snapshotJob = given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/" + target + "/snapshot")
                .then().statusCode(202).extract().path("jobId");
        String taken = awaitJob(provisioning, snapshotJob).getString("step").replace("snapshot ", "");
        for (int i = 0; i < 3; i++) {
            long begin = System.nanoTime();
            awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).post("/api/v1/vdbs/" + target
                    + "/refresh").then().statusCode(202).extract().path("jobId"));
            refresh.add(System.nanoTime() - begin);
            begin = System.nanoTime();
            awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map
                    .of("snapshot", taken)).post("/api/v1/vdbs/" + target + "/rewind").then().statusCode(202)
                    .extract().path("jobId"));
            rewind.add(System.nanoTime() - begin);
        }
        for (String id : ids) {
            delete(provisioning, id);
        }

        double copySeconds = fullCopy(linked.source(), home);
        String line = String.format(
                "| %s (pgbench -s %d) | one VDB: %s | 5 at once: each ready in %s, all in %.2f s (median steps: %s) "
                        + "| 10 at once: each ready in %s, all in %.2f s (median steps: %s) | refresh %s | rewind %s "
                        + "| full copy (pg_basebackup + start) %.1f s = %.0f× one VDB p50, %.0f× the p50 of 5 at once, "
                        + "%.0f× the p50 of 10 at once |",
                linked.size(), scale, one, five.each(), five.allReadySeconds(), five.steps(), ten.each(),
                parallelSeconds, ten.steps(), refresh,
                rewind, copySeconds, copySeconds * 1000 / one.p50(), copySeconds * 1000 / five.each().p50(),
                copySeconds * 1000 / ten.each().p50());
        System.out.println(line);
        return line;
    }

    /**
     * VDBs requested at once.
     *
     * @param ids the VDBs' ids
     * @param each each VDB's ready time: from the first request to its job's end as the service recorded it
     * @param allReadySeconds from the first request until the last was ready
     * @param steps the median time of each step of their jobs
     */
    record AtOnce(List<String> ids, Stats each, double allReadySeconds, String steps) {
    }

    /**
     * Requests {@code count} VDBs of the source at once, each from a thread of its own as a pipeline's parallel stages
     * do, and waits until all are ready.
     */
    static AtOnce atOnce(ServiceProcess provisioning, Linked linked, int count, JobSteps steps) throws Exception {
        List<java.util.concurrent.Callable<JsonPath>> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "at-once-" + count + "-" + linked.scale() + "-" + i;
            requests.add(() -> given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of(
                    "name", name, "from", Map.of("dataset", linked.sourceId()))).post("/api/v1/vdbs").then()
                    .statusCode(202).extract().jsonPath());
        }
        List<String> jobs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(count);
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        try {
            for (var answer : threads.invokeAll(requests)) {
                jobs.add(answer.get().getString("jobId"));
                ids.add(answer.get().getString("id"));
            }
        } finally {
            threads.shutdown();
        }
        Stats each = new Stats();
        for (String job : jobs) {
            Instant ended = Instant.parse(awaitJob(provisioning, job).getString("endedAt"));
            each.add(Duration.between(start, ended).toNanos());
        }
        double allReady = (System.nanoTime() - startNanos) / 1e9;
        String medians = steps.medians(jobs, start);
        System.out.println(count + " at once: " + steps.cloneHops(start));
        return new AtOnce(ids, each, allReady, medians);
    }

    /** Provisions a VDB and waits until it is ready; the answer to the request (its {@code id} and {@code jobId}). */
    private static JsonPath provision(ServiceProcess provisioning, String name, String dataset) throws Exception {
        JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name",
                name, "from", Map.of("dataset", dataset))).post("/api/v1/vdbs").then().statusCode(202).extract()
                .jsonPath();
        awaitJob(provisioning, accepted.getString("jobId"));
        return accepted;
    }

    private static void delete(ServiceProcess provisioning, String id) throws Exception {
        awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + id).then()
                .statusCode(202).extract().path("jobId"));
    }

    /** pg_basebackup into a new directory and start it, until it accepts connections. */
    private static double fullCopy(PostgresCluster source, StrataHome home) throws Exception {
        Path copy = home.path().resolve("pool/full-copy");
        Processes.run(60, List.of("mkdir", "-p", copy.toString()));
        Processes.run(60, List.of("chown", "postgres:postgres", copy.toString()));
        Processes.run(60, List.of("chmod", "700", copy.toString()));
        int port = Ports.free();
        String bin = PostgresCluster.binDir().toString();
        Processes.run(60, List.of("sync"));
        long start = System.nanoTime();
        ProcessBuilder backup = new ProcessBuilder("runuser", "-u", "postgres", "--", bin + "/pg_basebackup", "-h",
                "127.0.0.1", "-p", String.valueOf(source.port()), "-U", source.superuser(), "-D", copy.toString(),
                "-X", "stream", "-c", "fast").redirectErrorStream(true);
        backup.environment().put("PGPASSWORD", source.password());
        Process process = backup.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pg_basebackup failed: " + output);
        }
        Processes.run(120, List.of("runuser", "-u", "postgres", "--", bin + "/pg_ctl", "-D", copy.toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + copy, "-l", copy
                        .resolve("startup.log").toString(),
                "-w", "start"));
        double seconds = (System.nanoTime() - start) / 1e9;
        Processes.run(120, List.of("runuser", "-u", "postgres", "--", bin + "/pg_ctl", "-D", copy.toString(), "-m",
                "fast", "stop"));
        Processes.run(600, List.of("rm", "-rf", copy.toString()));
        return seconds;
    }

    private static JsonPath awaitJob(ServiceProcess service, String jobId) throws InterruptedException {
        return BenchSupport.awaitJob(service, jobId, Duration.ofMillis(10));
    }
}
