package io.strata.bench;

import static io.strata.testing.Api.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.strata.testing.KafkaBroker;
import io.strata.testing.MariaDbServer;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * {@code make bench-provision}, MariaDB row: a MariaDB source of about 1 GB (one InnoDB table filled from the
 * sequence engine, {@code MARIADB_ROWS} rows of about 250 bytes), linked (mariabackup into the staging volume, a
 * replica following it), then the time from {@code POST /vdbs} until the virtual database's job ended (its mariadbd
 * answers and its user has the generated password), one at a time, against a full copy measured in the same run:
 * {@code mariabackup --backup} and {@code --prepare} of the same source into a plain directory of the same pool, and
 * a mariadbd started on it until it answers ping.
 */
public final class MariaDbProvisionBench {

    /** Provisions not counted: the services' code paths are still being compiled by the JIT. */
    private static final int WARM_UP = 3;

    /** Provisions counted. */
    private static final int ROUNDS = 5;

    /** Full copies made; their median is the figure compared. */
    private static final int COPIES = 3;

    private static final String BIN = "/usr/bin";

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 4_000_000L;
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
        try (PostgresCluster state = PostgresCluster.start(Map.of());
                KafkaBroker kafka = KafkaBroker.start();
                StrataHome home = StrataHome.create();
                MariaDbServer source = MariaDbServer.start()) {
            String size = fill(source, rows);
            Map<String, String> common = Map.of("strata.home", home.toString(), "quarkus.log.level", "WARN");
            try (ServiceProcess snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(kafka,
                    prefix).with(common).with(Map.of("strata.snapshot.pool.driver", "btrfs",
                            "strata.snapshot.pool.size", "12G", "strata.snapshot.nfs.port", String.valueOf(Ports
                                    .free())))
                    .start();
                    ServiceProcess provisioning = ServiceProcess.of("provisioning-service").withDatabase(state)
                            .withBroker(kafka, prefix).with(common).with("strata.provisioning.ports", "17800-17840")
                            .start();
                    ServiceProcess ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(kafka,
                            prefix).with(common).with("strata.ingest.staging.ports", "17850-17860").start()) {
                long linkStart = System.nanoTime();
                String sourceId = BenchSupport.link(ingest, provisioning, Map.of("name", "mariabench", "engine",
                        "mariadb", "connection", Map.of("host", "127.0.0.1", "port", source.port(), "database",
                                "bench", "user", "linker", "password", "lp")));
                double linkSeconds = (System.nanoTime() - linkStart) / 1e9;

                for (int i = 0; i < WARM_UP; i++) {
                    delete(provisioning, provision(provisioning, "warm-" + i, sourceId));
                }
                Stats single = new Stats();
                for (int i = 0; i < ROUNDS; i++) {
                    long begin = System.nanoTime();
                    String vdb = provision(provisioning, "one-" + i, sourceId);
                    single.add(System.nanoTime() - begin);
                    delete(provisioning, vdb);
                }
                Stats copies = new Stats();
                for (int i = 0; i < COPIES; i++) {
                    copies.add(fullCopy(source, home));
                }
                String line = String.format("| MariaDB %s (%,d rows, sequence engine) | link (mariabackup + "
                        + "replica) %.1f s | one VDB: %s | full copy (mariabackup --backup + --prepare + start): %s "
                        + "| full copy p50 = %.1f× one VDB p50 |", size, rows, linkSeconds, single, copies,
                        copies
                                .p50() / single.p50());
                System.out.println();
                System.out.println("Results (docs/benchmarks.md):");
                System.out.println(line);
                System.out.printf("goal: one VDB p50 at most 1 s (%s), at least 20× faster than the full copy (%s)%n",
                        single.p50() <= 1000 ? "met" : "not met", copies.p50() / single.p50() >= 20
                                ? "met"
                                : "not met");
            } finally {
                Processes.run(60, List.of("sh", "-c", "pkill -f '[m]ariadbd --defaults-file=" + home + "' || true"));
            }
        }
    }

    /** One InnoDB table of {@code rows} rows of about 250 bytes, from the sequence engine; its file's size. */
    private static String fill(MariaDbServer source, long rows) {
        long start = System.nanoTime();
        source.execute("CREATE DATABASE bench; USE bench; CREATE TABLE items (id BIGINT PRIMARY KEY, code CHAR(32) NOT "
                + "NULL, body VARCHAR(255) NOT NULL) ENGINE = InnoDB; INSERT INTO items SELECT seq, MD5(seq), "
                + "CONCAT(SHA2(seq, 512), SHA2(seq + 1, 256)) FROM seq_1_to_" + rows + "; "
                + "CREATE USER linker@'%' IDENTIFIED BY 'lp'; GRANT RELOAD, PROCESS, REPLICATION CLIENT, "
                + "REPLICATION SLAVE ON *.* TO linker@'%'; GRANT SELECT ON bench.* TO linker@'%';");
        // The table's file, not information_schema's estimate of it (which InnoDB's statistics make vary by half).
        String size = Processes.run(60, List.of("du", "-m", "--apparent-size", source.dataDir().resolve(
                "bench/items.ibd").toString())).split("\\s")[0] + " MB";
        System.out.printf("%,d rows: %s in %.0f s%n", rows, size, (System.nanoTime() - start) / 1e9);
        return size;
    }

    private static String provision(ServiceProcess provisioning, String name, String dataset) throws Exception {
        JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name",
                name, "from", Map.of("dataset", dataset))).post("/api/v1/vdbs").then().statusCode(202).extract()
                .jsonPath();
        System.out.println(name + " steps (s): " + BenchSupport.awaitJobSteps(provisioning, accepted.getString("jobId"),
                Duration.ofMillis(10)));
        return accepted.getString("id");
    }

    private static void delete(ServiceProcess provisioning, String id) throws Exception {
        BenchSupport.awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + id)
                .then().statusCode(202).extract().path("jobId"), Duration.ofMillis(10));
    }

    /**
     * mariabackup --backup and --prepare of the source into a plain directory of the pool's file system, then a
     * mariadbd on it (the redo log and buffer pool sized as a virtual database's), until it answers ping; nanoseconds.
     */
    private static long fullCopy(MariaDbServer source, StrataHome home) throws InterruptedException {
        Path copy = home.path().resolve("pool/full-copy");
        Path data = copy.resolve("data");
        Path socket = copy.resolve("mariadbd.sock");
        Processes.run(60, List.of("mkdir", "-p", copy.toString()));
        Processes.run(60, List.of("sync"));
        long start = System.nanoTime();
        Processes.run(600, List.of(BIN + "/mariabackup", "--backup", "--target-dir=" + data, "--host=127.0.0.1",
                "--port=" + source.port(), "--user=linker", "--password=lp"));
        Processes.run(600, List.of(BIN + "/mariabackup", "--prepare", "--target-dir=" + data));
        Processes.run(60, List.of("chown", "-R", "mysql:mysql", copy.toString()));
        Process server;
        try {
            server = new ProcessBuilder("runuser", "-u", "mysql", "--", "/usr/sbin/mariadbd", "--no-defaults",
                    "--datadir=" + data, "--port=" + Ports.free(), "--bind-address=127.0.0.1", "--socket=" + socket,
                    "--pid-file=" + copy.resolve("mariadbd.pid"), "--log-error=" + copy.resolve("mariadbd.log"),
                    "--innodb-log-file-size=16M", "--innodb-buffer-pool-size=64M").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> ping = List.of("sh", "-c",
                "[ -S \"$1\" ] && " + BIN + "/mariadb-admin --no-defaults --socket=\"$1\" "
                        + "--user=root --connect-timeout=2 ping > /dev/null 2>&1 && echo up || true",
                "sh", socket.toString());
        while (!Processes.run(30, ping).contains("up")) {
            if (!server.isAlive()) {
                throw new IllegalStateException("mariadbd on the full copy exited:\n" + Processes.tail(copy.resolve(
                        "mariadbd.log"), 30));
            }
            Thread.sleep(20);
        }
        long nanos = System.nanoTime() - start;
        Processes.run(60, List.of("sh", "-c", "kill -TERM $(cat \"$1\")", "sh", copy.resolve("mariadbd.pid")
                .toString()));
        Processes.awaitExit(server);
        Processes.run(600, List.of("rm", "-rf", copy.toString()));
        System.out.printf("full copy: %.1f s%n", nanos / 1e9);
        return nanos;
    }
}
