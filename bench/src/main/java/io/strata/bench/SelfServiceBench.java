package io.strata.bench;

import static io.strata.testing.Api.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code make bench-selfservice}: a data pod of three running virtual databases of about 1 GB each (three PostgreSQL
 * sources, {@code pgbench -i -s 70}, linked and put in one template): the time of a bookmark (until it is READY), a
 * reset, an undo, a restore and a branch activation of the whole pod, from the request until its job has ended;
 * against a
 * {@code pg_dump -Fc} and {@code pg_restore} of the same three databases, measured in the same run.
 */
public final class SelfServiceBench {

    private static final int SOURCES = 3;

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 70;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
        List<PostgresCluster> sources = new ArrayList<>();
        try (PostgresCluster state = PostgresCluster.start(Map.of());
                KafkaBroker kafka = KafkaBroker.start();
                StrataHome home = StrataHome.create()) {
            Map<String, String> common = Map.of("strata.home", home.toString(), "quarkus.log.level", "WARN");
            try (ServiceProcess snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(kafka,
                    prefix).with(common).with(Map.of("strata.snapshot.pool.driver", "btrfs",
                            "strata.snapshot.pool.size", (SOURCES * scale / 70 * 4 + 8) + "G",
                            "strata.snapshot.nfs.port", String.valueOf(Ports.free())))
                    .start();
                    ServiceProcess provisioning = ServiceProcess.of("provisioning-service").withDatabase(state)
                            .withBroker(kafka, prefix).with(common).with("strata.provisioning.ports", "17800-17840")
                            .start();
                    ServiceProcess ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(kafka,
                            prefix).with(common).with("strata.ingest.staging.ports", "17850-17870").start();
                    ServiceProcess catalog = ServiceProcess.of("catalog-service").withDatabase(state).withBroker(
                            kafka, prefix).with(common).start()) {
                List<String> sourceIds = new ArrayList<>();
                for (int i = 0; i < SOURCES; i++) {
                    PostgresCluster source = PostgresCluster.start(Map.of("max_wal_size", "'4GB'"));
                    sources.add(source);
                    sourceIds.add(link(source, ingest, "app" + i, scale));
                }
                given().baseUri(catalog.baseUrl()).contentType("application/json").body(Map.of("name", "apps",
                        "datasets", sourceIds)).post("/api/v1/templates").then().statusCode(201);
                awaitPoint(catalog);
                long begin = System.nanoTime();
                awaitJob(catalog, given().baseUri(catalog.baseUrl()).contentType("application/json").body(Map.of(
                        "name", "bench", "template", "apps")).post("/api/v1/datapods").then().statusCode(202)
                        .extract().path("jobId"));
                double created = (System.nanoTime() - begin) / 1e9;

                Map<String, Stats> timings = measure(catalog, rounds);

                double dumpRestore = dumpAndRestore(sources, home.path());
                System.out.println();
                System.out.println("Results (docs/benchmarks.md):");
                System.out.printf("data pod of %d × pgbench -s %d: created in %.1f s%n", SOURCES, scale, created);
                timings.forEach((operation, stats) -> System.out.printf("| %s | %s | p50 = %.1f%% of pg_dump + "
                        + "pg_restore (%.1f s) |%n", operation, stats, stats.p50() / 10 / dumpRestore, dumpRestore));
            } finally {
                new ProcessBuilder("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true").start().waitFor();
                sources.forEach(PostgresCluster::close);
            }
        }
    }

    /**
     * Each round: a bookmark (until READY), a reset, an undo of it, a restore to the bookmark, and two branch
     * activations (onto a branch made from the first bookmark, and back onto main).
     */
    private static Map<String, Stats> measure(ServiceProcess catalog, int rounds) throws InterruptedException {
        Map<String, Stats> timings = new LinkedHashMap<>();
        for (String operation : List.of("bookmark", "reset", "undo", "restore", "branch activation")) {
            timings.put(operation, new Stats());
        }
        for (int round = 0; round < rounds; round++) {
            String bookmark = "round-" + round;
            long begin = System.nanoTime();
            awaitJob(catalog, operation(catalog, "bookmarks", Map.of("name", bookmark)));
            awaitBookmark(catalog, bookmark);
            timings.get("bookmark").add(System.nanoTime() - begin);
            for (String operation : List.of("reset", "undo")) {
                begin = System.nanoTime();
                awaitJob(catalog, operation(catalog, operation, null));
                timings.get(operation).add(System.nanoTime() - begin);
            }
            begin = System.nanoTime();
            awaitJob(catalog, operation(catalog, "restore", Map.of("bookmark", bookmark)));
            timings.get("restore").add(System.nanoTime() - begin);
            if (round == 0) {
                given().baseUri(catalog.baseUrl()).contentType("application/json").body(Map.of("name", "other",
                        "fromBookmark", bookmark)).post("/api/v1/datapods/bench/branches").then().statusCode(201);
            }
            for (String branch : List.of("other", "main")) {
                begin = System.nanoTime();
                awaitJob(catalog, operation(catalog, "branches/" + branch + "/activate", null));
                timings.get("branch activation").add(System.nanoTime() - begin);
            }
        }
        return timings;
    }

    private static String link(PostgresCluster source, ServiceProcess ingest, String name, int scale)
            throws Exception {
        source.execute("postgres", "create database bench", "create role linker login replication password 'lp'");
        BenchSupport.pgbench(source, "-i", "-q", "-s", String.valueOf(scale), "bench");
        source.execute("bench", "grant all on all tables in schema public to linker", "grant pg_checkpoint to linker");
        JsonPath linked = given().baseUri(ingest.baseUrl()).contentType("application/json").body(Map.of("name", name,
                "engine", "postgresql", "connection", Map.of("host", "127.0.0.1", "port", source.port(), "database",
                        "bench", "user", "linker", "password", "lp")))
                .post("/api/v1/sources").then().statusCode(202).extract().jsonPath();
        awaitJob(ingest, linked.getString("jobId"));
        System.out.printf("linked %s (pgbench -s %d)%n", name, scale);
        return linked.getString("id");
    }

    private static String operation(ServiceProcess catalog, String operation, Map<String, Object> body) {
        var request = given().baseUri(catalog.baseUrl()).contentType("application/json");
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/api/v1/datapods/bench/" + operation).then().statusCode(202).extract().path("jobId");
    }

    private static void awaitPoint(ServiceProcess catalog) throws InterruptedException {
        while (given().baseUri(catalog.baseUrl()).get("/api/v1/templates/apps/point").then().extract()
                .statusCode() != 200) {
            Thread.sleep(100);
        }
    }

    private static void awaitBookmark(ServiceProcess catalog, String name) throws InterruptedException {
        while (!"READY".equals(given().baseUri(catalog.baseUrl()).get("/api/v1/bookmarks/" + name).then().extract()
                .path("status"))) {
            Thread.sleep(10);
        }
    }

    /** {@code pg_dump -Fc} of every source's database into a file, then {@code pg_restore} into a new database. */
    private static double dumpAndRestore(List<PostgresCluster> sources, Path home) throws Exception {
        long begin = System.nanoTime();
        for (PostgresCluster source : sources) {
            Path dump = home.resolve("bench-" + source.port() + ".dump");
            run(source, "pg_dump", "-Fc", "-f", dump.toString(), "bench");
            source.execute("postgres", "create database restored");
            run(source, "pg_restore", "-d", "restored", dump.toString());
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    private static void run(PostgresCluster cluster, String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PostgresCluster.binDir().resolve(tool).toString(), "-h",
                "127.0.0.1", "-p", String.valueOf(cluster.port()), "-U", cluster.superuser()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", cluster.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(tool + " failed: " + output);
        }
    }

    private static void awaitJob(ServiceProcess service, String jobId) throws InterruptedException {
        BenchSupport.awaitJob(service, jobId, Duration.ofMillis(10));
    }
}
