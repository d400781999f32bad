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
 * through the ingest, snapshot and provisioning services, a sync after 1% of the rows changed, and the staging
 * standby's lag while {@code pgbench} writes to the source.
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 70;
        boolean checkpointOnSync = args.length <= 1 || Boolean.parseBoolean(args[1]);
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
        try (PostgresCluster state = PostgresCluster.start(Map.of());
                PostgresCluster source = PostgresCluster.start(Map.of("shared_buffers", "'256MB'", "max_wal_size",
                        "'4GB'", "fsync", "on", "synchronous_commit", "on"));
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
        double[] syncSeconds = syncsAfterChanges(source, ingest, sourceId, accounts);
        Lag lag = lagUnderLoad(source, ingest, sourceId);

        System.out.println();
        System.out.println("Results (docs/benchmarks.md):");
        System.out.printf("| source | pgbench -i -s %d, %s, %d accounts, checkpointOnSync %s |%n", scale, size,
                accounts, checkpointOnSync);
        System.out.printf("| initial link (request → first snapshot) | %.1f s |%n", linkSeconds);
        System.out.printf("| sync after 1%% of the rows changed, contiguous (%d rows) | %.2f s = %.1f%% of the link "
                + "(goal ≤ 10%%) |%n", accounts / 100, syncSeconds[0], 100 * syncSeconds[0] / linkSeconds);
        System.out.printf("| sync after 1%% of the rows changed, every 100th row (%d rows, most pages) | %.2f s = "
                + "%.1f%% of the link |%n", accounts / 100, syncSeconds[1], 100 * syncSeconds[1] / linkSeconds);
        lag.print();
    }

    /** Fills the source with {@code pgbench -i} and lets the linking user read it; returns the database's size. */
    private static String initSource(PostgresCluster source, int scale) throws Exception {
        source.execute("postgres", "create database bench", "create role linker login replication password 'lp'");
        long start = System.nanoTime();
        BenchSupport.pgbench(source, "-i", "-q", "-s", String.valueOf(scale), "bench");
        source.execute("bench", "grant select on all tables in schema public to linker",
                "grant pg_checkpoint to linker");
        String size = value(source, "select pg_size_pretty(pg_database_size('bench'))");
        System.out.printf("pgbench -i -s %d: %s in %.1f s%n", scale, size, (System.nanoTime() - start) / 1e9);
        return size;
    }

    /** Links the source and waits for its first snapshot; returns the source's id. */
    private static String link(PostgresCluster source, ServiceProcess ingest) throws InterruptedException {
        JsonPath accepted = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name",
                "bench", "engine", "postgresql", "environment", "local", "connection", Map.of("host", "127.0.0.1",
                        "port", source.port(), "database", "bench", "user", "linker", "password", "lp")))
                .post("/api/v1/sources")
                .then().statusCode(202).extract().jsonPath();
        awaitJob(ingest, accepted.getString("jobId"));
        return accepted.getString("id");
    }

    /**
     * The time of a sync after each of two changes of 1% of the rows: a contiguous range (1% of the pages) and every
     * 100th row (most pages).
     */
    private static double[] syncsAfterChanges(PostgresCluster source, ServiceProcess ingest, String sourceId,
            long accounts) throws Exception {
        double[] syncSeconds = new double[2];
        String[] changes = {"update pgbench_accounts set abalance = abalance + 1 where aid <= " + accounts / 100,
                "update pgbench_accounts set abalance = abalance + 1 where aid % 100 = 0"};
        for (int i = 0; i < changes.length; i++) {
            source.execute("bench", changes[i]);
            long start = System.nanoTime();
            String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                    .statusCode(202).extract().path("jobId");
            awaitJob(ingest, sync);
            syncSeconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return syncSeconds;
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

    private static void awaitJob(ServiceProcess service, String jobId) throws InterruptedException {
        BenchSupport.awaitJob(service, jobId, Duration.ofMillis(50));
    }
}
