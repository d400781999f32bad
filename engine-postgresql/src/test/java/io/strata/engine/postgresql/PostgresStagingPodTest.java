package io.strata.engine.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.strata.engine.LinkedSource;
import io.strata.engine.SnapshotPoint;
import io.strata.engine.Staging;
import io.strata.engine.StagingPod;
import io.strata.engine.UserError;

/**
 * A staging standby in a pod, run on this host as its containers would run it ({@link PodRun}) against a real source
 * server: the init container's base backup into an empty volume, the standby streaming through its slot, and then a
 * sync made by the plugin's own code through the pod (what exec does in a cluster), which must see the source's last
 * commit. The source's password reaches the pod only through its environment, never a file on the volume.
 */
class PostgresStagingPodTest {

    private static final String PASSWORD = "repl:pass'word";

    private final PostgresLinked linked = new PostgresLinked();
    private PodRun sourceHost;
    private PodRun pod;
    private Process sourceServer;
    private Process standby;
    private LinkedSource source;

    @BeforeEach
    void startASource() throws Exception {
        assumeTrue(PodRun.possible(), "needs PostgreSQL 15 and root to run it as postgres");
        sourceHost = new PodRun(Map.of());
        String data = sourceHost.data.toString();
        sourceHost.asPostgres(List.of(PodRun.BIN + "/initdb", "-D", data, "-U", "postgres", "--auth=trust"));
        sourceHost.asPostgres(List.of("sh", "-c", "printf '%s\\n' 'local all all trust' "
                + "'host all app 127.0.0.1/32 scram-sha-256' 'host replication app 127.0.0.1/32 scram-sha-256' "
                + "> \"$1/pg_hba.conf\"", "sh", data));
        sourceServer = sourceHost.start(List.of("postgres", "-D", data, "-c", "port=" + sourceHost.port, "-c",
                "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + sourceHost.run, "-c",
                "max_connections=40"));
        awaitReady(sourceHost, sourceServer, sourceHost.run.toString());
        sql(sourceHost, "create role app login replication password '" + PASSWORD.replace("'", "''") + "'",
                "create table visits (id int primary key)", "insert into visits values (1)");
        source = new LinkedSource("src-pod", "clinic", Map.of("connection", Map.of("host", "127.0.0.1", "port",
                sourceHost.port, "database", "postgres", "user", "app")), Map.of("connection.password", PASSWORD),
                sourceHost);
        pod = new PodRun(Map.of(StagingPod.PASSWORD_VARIABLE, PASSWORD));
        Files.createDirectory(pod.data);
        PodRun.exec(List.of("chown", "postgres:postgres", pod.data.toString()), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (pod != null) {
            pod.close(standby);
        }
        if (sourceHost != null) {
            sourceHost.close(sourceServer);
        }
    }

    @Test
    void theInitContainerLoadsTheStandbyAndASyncThroughThePodSeesTheLastCommit() throws Exception {
        Staging client = new Staging(sourceHost, null, sourceHost.run.toString(), 0, new io.strata.engine.Repository(
                "postgresql", "client", "15", PodRun.BIN.toString(), Map.of()));
        linked.validateSource(source, client);
        StagingPod staging = linked.stagingPod(source, client);
        assertThat(staging.engine().image()).isEqualTo("postgres:15");
        assertThat(staging.engine().command()).contains("max_connections=40");
        assertThat(String.join(" ", staging.engine().init()) + staging.engine().command()).doesNotContain(PASSWORD);

        pod.asPostgres(staging.engine().init());
        assertThat(pod.data.resolve("standby.signal")).exists();
        standby = pod.start(staging.engine().command());
        awaitReady(pod, standby, null, staging);

        sql(sourceHost, "insert into visits values (2)");
        Staging inPod = new Staging(pod, io.strata.engine.EnginePod.DATA_MOUNT.replace(
                io.strata.engine.EnginePod.DATA_MOUNT, pod.data.toString()), pod.run.toString(), pod.port,
                staging
                        .repository());
        SnapshotPoint point = linked.preSnapshot(source, inPod, (percent, what) -> {
        });
        assertThat(point.position()).isNotBlank();
        assertThat(point.metadata()).containsEntry("serverVersion", "15" + point.metadata().get("serverVersion")
                .substring(2));
        assertThat(pod.asPostgres(List.of("psql", "-h", PostgresLinked.socketDir(pod.run.toString()), "-p", String
                .valueOf(pod.port), "-U", "postgres", "-d", "postgres", "-tAc", "select count(*) from visits")))
                .isEqualTo("2");
        assertThat(linked.status(source, inPod).running()).isTrue();
        assertThat(filesHolding(PASSWORD)).as("files on the volume holding the password").isEmpty();

        // A restarted pod keeps its copy: the init container leaves a loaded volume as it is.
        standby.destroy();
        standby.waitFor(60, TimeUnit.SECONDS);
        pod.asPostgres(staging.engine().init());
        standby = pod.start(staging.engine().command());
        awaitReady(pod, standby, null, staging);
        sql(sourceHost, "insert into visits values (3)");
        linked.preSnapshot(source, inPod, (percent, what) -> {
        });
        assertThat(pod.asPostgres(List.of("psql", "-h", PostgresLinked.socketDir(pod.run.toString()), "-p", String
                .valueOf(pod.port), "-U", "postgres", "-d", "postgres", "-tAc", "select count(*) from visits")))
                .isEqualTo("3");
    }

    @Test
    void logSyncCannotBeStagedInAPod() {
        LinkedSource withLog = new LinkedSource(source.id(), source.name(), Map.of("connection", source.parameters()
                .get("connection"), "logSync", true), source.secrets(), sourceHost);
        Staging client = new Staging(sourceHost, null, sourceHost.run.toString(), 0, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> linked.stagingPod(withLog, client)).isInstanceOf(
                UserError.class).hasMessageContaining("logSync");
    }

    private List<Path> filesHolding(String text) throws Exception {
        try (Stream<Path> files = Files.walk(pod.data)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(text);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private static void awaitReady(PodRun host, Process server, String socket) {
        awaitReady(host, server, socket, null);
    }

    private static void awaitReady(PodRun host, Process server, String socket, StagingPod staging) {
        List<String> readiness = staging != null
                ? staging.engine().readiness()
                : List.of("pg_isready", "-q", "-h", socket, "-p", String.valueOf(host.port));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(server.isAlive()).as("the server runs").isTrue();
            return host.asPostgresExit(readiness) == 0;
        });
    }

    private static void sql(PodRun host, String... statements) throws Exception {
        for (String statement : statements) {
            host.asPostgres(List.of("psql", "-h", host.run.toString(), "-p", String.valueOf(host.port), "-U",
                    "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statement));
        }
    }
}
