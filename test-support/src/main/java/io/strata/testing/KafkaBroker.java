package io.strata.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft) of the test's own, run as a separate process from the jars that
 * {@code make install} puts in {@code $STRATA_HOME/kafka/lib}, on free ports and a temporary log directory. A test
 * can stop it, kill it and start it again on the same ports with the same data, as an outage would.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final Path root;
    private final Path config;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path root, int port) {
        this.root = root;
        this.config = root.resolve("server.properties");
        this.logFile = root.resolve("kafka.log");
        this.port = port;
        this.controllerPort = Ports.free();
    }

    /** One broker per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A new broker of the caller's own; close it when done. */
    public static KafkaBroker start() {
        return start(Ports.free());
    }

    /** A new broker listening on a given port. */
    public static KafkaBroker start(int port) {
        try {
            KafkaBroker broker = new KafkaBroker(Files.createTempDirectory("strata-kafka-"), port);
            broker.format();
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the broker jars are: {@code strata.kafka.lib}, else {@code $STRATA_HOME/kafka/lib}. */
    public static Path libDir() {
        String configured = System.getProperty("strata.kafka.lib");
        if (configured == null) {
            String home = System.getProperty("test.strata.home", System.getenv().getOrDefault("STRATA_HOME",
                    "/var/lib/strata"));
            configured = home + "/kafka/lib";
        }
        Path lib = Path.of(configured);
        try (Stream<Path> jars = Files.list(lib)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13"))) {
                throw new IllegalStateException("no kafka_2.13 jar in " + lib);
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Kafka broker jars not found in " + lib + " (" + e.getMessage()
                    + "). Run `make install` first, or set -Dstrata.kafka.lib=<dir>.", e);
        }
        return lib;
    }

    private void format() throws IOException {
        Properties properties = new Properties();
        properties.putAll(Map.of("process.roles", "broker,controller", "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names", "CONTROLLER", "inter.broker.listener.name", "PLAINTEXT",
                "log.dirs", root.resolve("data").toString(), "num.partitions", "3"));
        properties.putAll(Map.of("offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor",
                "1", "transaction.state.log.min.isr", "1", "min.insync.replicas", "1",
                "group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "3",
                "auto.create.topics.enable", "true", "share.coordinator.state.topic.replication.factor", "1"));
        try (var writer = Files.newBufferedWriter(config)) {
            properties.store(writer, "Strata test broker");
        }
        Processes.run(120, javaCommand("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()));
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-Xms64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.level=warn", "-cp", libDir() + File.separator + "*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the broker process (again, after {@link #stop} or {@link #kill}) and waits until it answers. */
    public synchronized void startProcess() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(javaCommand("kafka.Kafka", config.toString())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(90));
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(properties)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited:\n" + Processes.tail(logFile, 40));
                }
                try {
                    admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    Processes.sleep(200);
                }
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + ":\n" + Processes.tail(logFile,
                40));
    }

    /** Stops the broker cleanly. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            Processes.awaitExit(process);
        }
    }

    /** Kills the broker with SIGKILL, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            Processes.awaitExit(process);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        kill();
        Processes.deleteTree(root);
    }

}
