package io.strata.bench;

import static io.strata.testing.Api.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * {@code make bench-ingest}: the initial link of a PostgreSQL source made with {@code pgbench -i -s 70} (about 1 GB)
 * and a clinic database beside it, through the ingest, snapshot and provisioning services; a sync after each kind of
 * change (none, a contiguous 1%, a scattered 1%, a change in the second database) with where its time went; and the
 * staging standby's lag while {@code pgbench} writes to the source.
 */
public final class IngestBench {

    /** Patients in the source's second database (and three visits each). */
    private static final int PATIENTS = 100_000;

    /** Syncs not counted before the fixed part is measured. */
    private static final int WARM_UP_SYNCS = 5;

    /** Syncs after no change that measure the fixed part. */
    private static final int FIXED_PART_SYNCS = 7;

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 70;
        boolean checkpointOnSync = args.length <= 1 || Boolean.parseBoolean(args[1]);
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
        try (PostgresCluster state = PostgresCluster.start(Map.of());
                // A production server's defaults: the test clusters' speed-ups (no fsync, no full-page writes)
                // would hide what a sync costs after scattered changes.
                PostgresCluster source = PostgresCluster.start(Map.of("shared_buffers", "'128MB'", "max_wal_size",
                        "'1GB'", "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
                KafkaBroker kafka = KafkaBroker.start();
                StrataHome home = StrataHome.create()) {
            Map<String, String> common = Map.of("strata.home", home.toString(), "quarkus.log.level", "WARN");
            try (ServiceProcess snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(kafka,
                    prefix).with(common).with(Map.of("strata.snapshot.pool.driver", "btrfs",
                            "strata.snapshot.pool.size", "20G", "strata.snapshot.nfs.port", String.valueOf(Ports
                                    .free())))
                    .start();
                    ServiceProcess provisioning = ServiceProcess.of("provisioning-service").withDatabase(state)
                            .withBroker(kafka, prefix).with(common).start();
                    ServiceProcess ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(kafka,
                            prefix).with(common).with("strata.ingest.staging.ports", "17400-17450").start()) {
                run(source, ingest, scale, checkpointOnSync);
            } finally {
                new ProcessBuilder("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true").start().waitFor();
            }
        }
    }

    private static void run(PostgresCluster source, ServiceProcess ingest, int scale, boolean checkpointOnSync)
            throws Exception {
        String size = initSource(source, scale);
        long start = System.nanoTime();
        String sourceId = link(source, ingest);
        double linkSeconds = (System.nanoTime() - start) / 1e9;
        long accounts = Long.parseLong(value(source, "select count(*) from pgbench_accounts"));
        System.out.println();
        System.out.println("Results (docs/benchmarks.md):");
        System.out.printf("| source | pgbench -i -s %d and a clinic of %d patients in a second database: %s, "
                + "checkpointOnSync %s |%n", scale, PATIENTS, size, checkpointOnSync);
        System.out.printf("| initial link (request → first snapshot) | %.1f s |%n", linkSeconds);
        syncsAfterChanges(source, ingest, sourceId, accounts, linkSeconds);
        lagUnderLoad(source, ingest, sourceId).print();
    }

    /**
     * Fills the source: {@code pgbench -i} in database {@code bench}, a clinic's patients and visits in database
     * {@code clinic}, both readable by the linking user; returns the cluster's size.
     */
    private static String initSource(PostgresCluster source, int scale) throws Exception {
        source.execute("postgres", "create database bench", "create database clinic",
                "create role linker login replication password 'lp'");
        long start = System.nanoTime();
        BenchSupport.pgbench(source, "-i", "-q", "-s", String.valueOf(scale), "bench");
        source.execute("bench", "grant select on all tables in schema public to linker",
                "grant pg_checkpoint to linker");
        source.execute("clinic", "create table patients (id int primary key, name text not null, email text, born "
                + "date)",
                "insert into patients select i, 'Patient ' || i, 'p' || i || '@clinic.example', date "
                        + "'1940-01-01' + (i % 25000) from generate_series(1, " + PATIENTS + ") i",
                "create table visits (id bigint primary key, patient_id int not null references patients, at "
                        + "timestamptz not null, note text)",
                "insert into visits select i, 1 + i % " + PATIENTS + ", timestamptz '2020-01-01' + i * interval "
                        + "'1 minute', 'visit ' || i from generate_series(1, " + 3 * PATIENTS + ") i",
                "grant select on all tables in schema public to linker");
        String size = value(source, "select pg_size_pretty(sum(pg_database_size(datname))) from pg_database");
        System.out.printf("pgbench -i -s %d and the clinic: %s in %.1f s%n", scale, size, (System.nanoTime()
                - start) / 1e9);
        return size;
    }

    /** Links the source and waits for its first snapshot; returns the source's id. */
    private static String link(PostgresCluster source, ServiceProcess ingest) throws InterruptedException {
        JsonPath accepted = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name",
                "bench", "engine", "postgresql", "environment", "local", "connection", Map.of("host", "127.0.0.1",
                        "port", source.port(), "database", "bench", "user", "linker", "password", "lp")))
                .post("/api/v1/sources")
                .then().statusCode(202).extract().jsonPath();
        System.out.println("link: " + stepTimes(BenchSupport.awaitJobSteps(ingest, accepted.getString("jobId"),
                Duration.ofMillis(5))));
        return accepted.getString("id");
    }

    /**
     * One kind of change on the source, then a sync.
     *
     * @param name what the change is, as the results print it
     * @param database where it runs
     * @param sql the change ({@code null}: none, the fixed part of a sync)
     */
    private record Change(String name, String database, String sql) {
    }

    /**
     * A sync after each kind of change: none, 1% of the accounts in one range (1% of the pages), every 100th account
     * (most pages), and every 100th patient of the second database; each with where its time went.
     */
    private static void syncsAfterChanges(PostgresCluster source, ServiceProcess ingest, String sourceId,
            long accounts, double linkSeconds) throws Exception {
        List<Change> changes = List.of(
                new Change("1% of the accounts changed, contiguous (" + accounts / 100 + " rows)", "bench",
                        "update pgbench_accounts set abalance = abalance + 1 where aid <= " + accounts / 100),
                new Change("1% of the accounts changed, every 100th row (" + accounts / 100 + " rows, most pages)",
                        "bench", "update pgbench_accounts set abalance = abalance + 1 where aid % 100 = 0"),
                new Change("every 100th patient of the second database changed", "clinic",
                        "update patients set name = name || '.' where id % 100 = 0"));
        List<String> lines = new ArrayList<>();
        for (Change change : changes) {
            if (change.sql() != null) {
                source.execute(change.database(), change.sql());
            }
            long start = System.nanoTime();
            Map<String, Double> steps = sync(ingest, sourceId);
            double seconds = (System.nanoTime() - start) / 1e9;
            lines.add(String.format("| sync after %s | %.2f s = %.2f of the link | %s |", change.name(),
                    seconds, seconds / linkSeconds, stepTimes(steps)));
        }
        System.out.println("| sync | time | where it went (the job's steps as it showed them) |");
        System.out.println(fixedPart(ingest, sourceId, linkSeconds));
        lines.forEach(System.out::println);
    }

    /**
     * Syncs with nothing changed on the source: {@link #WARM_UP_SYNCS} first, not counted (the services' JIT compiles
     * the sync's code paths), then {@link #FIXED_PART_SYNCS} measured, from the request to the job's end as the client
     * sees it and as the service recorded it.
     */
    private static String fixedPart(ServiceProcess ingest, String sourceId, double linkSeconds) throws Exception {
        Stats client = new Stats();
        Stats job = new Stats();
        Map<String, Double> last = Map.of();
        for (int i = 0; i < WARM_UP_SYNCS + FIXED_PART_SYNCS; i++) {
            long start = System.nanoTime();
            last = sync(ingest, sourceId);
            if (i >= WARM_UP_SYNCS) {
                client.add(System.nanoTime() - start);
                job.add((long) (last.get(BenchSupport.JOB_TIME) * 1e9));
            }
        }
        return String.format("| sync after no change (the fixed part of a sync), after %d not counted | client %s "
                + "= %.2f of the link; the job %s | the last: %s |", WARM_UP_SYNCS, client,
                client.p50() / 1000
                        / linkSeconds,
                job, stepTimes(last));
    }

    /** Syncs the source and waits for the job; where its time went, as {@link BenchSupport#awaitJobSteps} says. */
    private static Map<String, Double> sync(ServiceProcess ingest, String sourceId) throws InterruptedException {
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        return BenchSupport.awaitJobSteps(ingest, sync, Duration.ofMillis(20));
    }

    private static String stepTimes(Map<String, Double> steps) {
        List<String> parts = new ArrayList<>();
        steps.forEach((step, seconds) -> parts.add(String.format("%s %.2f s", step, seconds)));
        return String.join("; ", parts);
    }

    /**
     * The staging standby's lag sampled once a second while pgbench writes to the source for 30 s.
     *
     * @param tps pgbench's throughput line
     * @param bytes the lag samples in bytes, sorted
     * @param seconds the lag samples in seconds, sorted
     */
    private record Lag(String tps, List<Long> bytes, List<Double> seconds) {

        void print() {
            System.out.printf("| staging lag under pgbench -c 4 -T 30 (%s) | bytes p50 %d, max %d; seconds p50 %.2f, "
                    + "max %.2f (n=%d) |%n", tps.strip(), bytes.get(bytes.size() / 2), bytes.get(bytes.size() - 1),
                    seconds.get(seconds.size() / 2), seconds.get(seconds.size() - 1), bytes.size());
        }
    }

    private static Lag lagUnderLoad(PostgresCluster source, ServiceProcess ingest, String sourceId)
            throws Exception {
        Process load = BenchSupport.pgbenchProcess(source, "-c", "4", "-j", "2", "-T", "30", "-n", "bench");
        List<Long> lagBytes = new ArrayList<>();
        List<Double> lagSeconds = new ArrayList<>();
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)) {
            JsonPath staging = given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + sourceId).then().extract()
                    .jsonPath();
            if (staging.get("staging.lagBytes") != null) {
                lagBytes.add(staging.getLong("staging.lagBytes"));
                lagSeconds.add(staging.getDouble("staging.lagSeconds"));
            }
            Thread.sleep(1000);
        }
        String tps = new String(load.getInputStream().readAllBytes()).lines().filter(l -> l.startsWith("tps"))
                .findFirst().orElse("tps unknown");
        load.waitFor();
        Collections.sort(lagBytes);
        Collections.sort(lagSeconds);
        return new Lag(tps, lagBytes, lagSeconds);
    }

    private static String value(PostgresCluster cluster, String sql) throws Exception {
        try (var connection = cluster.connect("bench"); var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
