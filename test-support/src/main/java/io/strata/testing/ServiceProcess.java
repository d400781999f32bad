package io.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Strata service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own process, the way
 * {@code make up} runs it, so that an end-to-end test can kill it with SIGKILL mid-work and start it again. Each start
 * appends to one log file under {@code target/it-logs/}; failures quote its tail.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The first admin's password of a catalog service started here. */
    public static final String ADMIN_PASSWORD = "it-admin-password";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Path logFile;
    private Process process;

    private ServiceProcess(String module) {
        this.module = module;
        this.jar = repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build the services first (mvn package)");
        }
        this.port = Ports.free();
        this.logFile = Path.of("target", "it-logs", module + "-" + port + ".log").toAbsolutePath();
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.putAll(TestTokens.serviceConfig());
        if (module.equals("catalog-service")) {
            // Never the machine's $STRATA_HOME/admin-password; a test that wants the file sets this empty.
            properties.put("strata.catalog.auth.admin-password", ADMIN_PASSWORD);
        }
    }

    /** A service module by directory name, e.g. {@code catalog-service}. */
    public static ServiceProcess of(String module) {
        return new ServiceProcess(module);
    }

    /** The repository root: the nearest parent directory holding the reactor's {@code pom.xml} and this module. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("service-common"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the Strata repository root from " + Path.of("").toAbsolutePath());
    }

    /** Sets a configuration property (passed as {@code -Dkey=value}). */
    public ServiceProcess with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Sets several configuration properties. */
    public ServiceProcess with(Map<String, String> values) {
        properties.putAll(values);
        return this;
    }

    /** Gives the service a fresh database of its own in {@code cluster}. */
    public ServiceProcess withDatabase(PostgresCluster cluster) {
        return with(cluster.datasourceConfig(cluster.createDatabase()));
    }

    /** Points the service at {@code broker}, with the given topic prefix. */
    public ServiceProcess withBroker(KafkaBroker broker, String topicPrefix) {
        return with("strata.events.bootstrap-servers", broker.bootstrapServers()).with("strata.events.topic-prefix",
                topicPrefix);
    }

    /** Starts the process and waits until its readiness is UP. */
    public ServiceProcess start() {
        launch();
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** Starts the process without waiting for readiness. */
    public ServiceProcess launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== start " + Instant.now() + " ===\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until readiness is UP; fails with the log's tail if the process dies or time runs out. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (readinessStatus() == 200) {
                return;
            }
            Processes.sleep(100);
        }
        throw new IllegalStateException(module + " not ready after " + timeout + ": " + get("/q/health/ready")
                + "\n" + logTail());
    }

    /** The HTTP status of {@code /q/health/ready}, or -1 when nothing answers. */
    public int readinessStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** GETs a path as user {@code admin} and returns the body (any status). */
    public String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + TestTokens.admin()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "(no answer: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** Kills the process with SIGKILL, as a crash would: no shutdown hooks, no offset commits. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            Processes.awaitExit(process);
        }
    }

    /** Stops the process with SIGTERM and waits for it. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            Processes.awaitExit(process);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The service's module, e.g. {@code catalog-service}. */
    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public Path logFile() {
        return logFile;
    }

    /** The whole log so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? new String(Files.readAllBytes(logFile)) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail() {
        return Processes.tail(logFile, 60);
    }

    @Override
    public void close() {
        stop();
    }

}
