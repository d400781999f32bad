package io.strata.bench;

import static io.strata.testing.Api.given;
import static io.strata.testing.Api.withToken;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.restassured.specification.RequestSpecification;
import io.strata.testing.PostgresCluster;
import io.strata.testing.RoutedServices;
import io.strata.testing.StrataHome;

/**
 * Five and ten VDBs requested at once in the two shapes the figures came from, and the two shapes crossed, so that
 * each factor shows apart: a source linked with {@code logSync} or without, and the requests sent through the router
 * with a user's token and followed by reading each VDB until it is RUNNING, or sent to the provisioning service and
 * followed by its job's state. Every shape is measured in each round, in turn, on the same services and sources, so
 * that the machine's load falls on all of them alike. Prints each shape's ready times (p50 of the VDBs, and all
 * ready) per round.
 */
public final class ProvisionShapesBench {

    private static final Duration POLL = Duration.ofMillis(25);

    private ProvisionShapesBench() {
    }

    /** How the requests are sent and followed. */
    private enum Path {
        /** To the provisioning service; its job's state until SUCCEEDED. */
        SERVICE_JOB,
        /** Through the router with a user's token; the VDB until RUNNING. */
        ROUTER_STATUS
    }

    /** A source and a way of asking: one column of the report. */
    private record Shape(String source, boolean logSync, Path path) {

        String label() {
            return (logSync ? "logSync" : "no log sync") + ", " + (path == Path.ROUTER_STATUS
                    ? "router, VDB until RUNNING"
                    : "service, job state");
        }
    }

    /**
     * @param args the pgbench scale of the sources (default 70: 1 GB) and the rounds (default 3)
     */
    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 70;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<PostgresCluster> sources = new ArrayList<>();
        try (StrataHome home = StrataHome.create()) {
            // Two sources of the scale, their staging copies, and up to ten clones' writes at a time.
            RoutedServices services = RoutedServices.start(home, 60, false, (scale / 70 * 3 + 8) + "G");
            try {
                String token = services.adminToken();
                List<Shape> shapes = new ArrayList<>();
                for (boolean logSync : new boolean[]{false, true}) {
                    PostgresCluster source = PostgresCluster.start(Map.of("max_wal_size", "'4GB'"));
                    sources.add(source);
                    String id = link(services, source, scale, logSync);
                    for (Path path : Path.values()) {
                        shapes.add(new Shape(id, logSync, path));
                    }
                }
                for (Shape shape : shapes) {
                    atOnce(services, token, shape, 2, "warm");
                }
                Map<String, List<String>> report = new LinkedHashMap<>();
                for (int round = 1; round <= rounds; round++) {
                    for (int count : new int[]{5, 10}) {
                        for (Shape shape : shapes) {
                            String figures = atOnce(services, token, shape, count, "r" + round);
                            report.computeIfAbsent(count + " at once, " + shape.label(), key -> new ArrayList<>())
                                    .add(figures);
                            System.out.printf("round %d, %d at once, %s: %s (load %s)%n", round, count, shape
                                    .label(), figures, load());
                        }
                    }
                }
                System.out.println();
                System.out.println("Results (docs/benchmarks.md), each round's p50 / all ready:");
                report.forEach((shape, figures) -> System.out.println("| " + shape + " | " + String.join(" | ",
                        figures) + " |"));
            } finally {
                for (var process : services.processes()) {
                    process.stop();
                }
                new ProcessBuilder("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true").start().waitFor();
            }
        } finally {
            sources.forEach(PostgresCluster::close);
        }
    }

    private static String load() throws Exception {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Fills a source with pgbench and links it, with log sync or without; its id. */
    private static String link(RoutedServices services, PostgresCluster source, int scale, boolean logSync)
            throws Exception {
        source.execute("postgres", "create database bench", "create role linker login replication superuser "
                + "password 'lp'");
        BenchSupport.pgbench(source, "-i", "-q", "-s", String.valueOf(scale), "bench");
        return BenchSupport.link(services.service("ingest-service"), services.service("provisioning-service"), Map
                .of("name", "shape-" + (logSync ? "logsync" : "plain"), "engine", "postgresql", "logSync", logSync,
                        "connection", Map.of("host", "127.0.0.1", "port", source.port(), "database", "bench",
                                "user", "linker", "password", "lp")));
    }

    /**
     * Requests {@code count} VDBs of the shape's source at once, each from a thread of its own, follows each as the
     * shape says until it is ready, then deletes them; "p50 / all ready" in seconds.
     */
    private static String atOnce(RoutedServices services, String token, Shape shape, int count, String round)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        List<Callable<String>> requests = new ArrayList<>();
        List<Double> readyAt = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String name = "shape-" + round + "-" + count + "-" + (shape.logSync() ? "l" : "p") + "-" + shape.path()
                    .ordinal() + "-" + i;
            requests.add(() -> {
                String id = request(services, token, shape, name);
                readyAt.add((System.nanoTime() - start) / 1e9);
                return id;
            });
        }
        List<String> ids = new ArrayList<>();
        try {
            for (Future<String> made : threads.invokeAll(requests)) {
                ids.add(made.get());
            }
        } finally {
            threads.shutdown();
        }
        double allReady = (System.nanoTime() - start) / 1e9;
        Stats each = new Stats();
        readyAt.forEach(seconds -> each.add((long) (seconds * 1e9)));
        var provisioning = services.service("provisioning-service");
        for (String id : ids) {
            BenchSupport.awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + id)
                    .then().statusCode(202).extract().path("jobId"), POLL);
        }
        return String.format("%.2f / %.2f s", each.p50() / 1000, allReady);
    }

    /** Sends one request as the shape says and waits until its VDB is ready; the VDB's id. */
    private static String request(RoutedServices services, String token, Shape shape, String name)
            throws Exception {
        Map<String, Object> body = Map.of("name", name, "from", Map.of("dataset", shape.source()));
        if (shape.path() == Path.SERVICE_JOB) {
            var provisioning = services.service("provisioning-service");
            var accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(body).post(
                    "/api/v1/vdbs").then().statusCode(202).extract().jsonPath();
            BenchSupport.awaitJob(provisioning, accepted.getString("jobId"), POLL);
            return accepted.getString("id");
        }
        RequestSpecification router = withToken(token).baseUri(services.router().baseUrl());
        String id = router.contentType("application/json").body(body).post("/api/v1/vdbs").then().statusCode(202)
                .extract().path("id");
        while (true) {
            String status = withToken(token).baseUri(services.router().baseUrl()).get("/api/v1/vdbs/" + id).then()
                    .extract().path("status");
            if ("RUNNING".equals(status)) {
                return id;
            }
            if ("FAILED".equals(status)) {
                throw new IllegalStateException("VDB " + name + " failed");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
