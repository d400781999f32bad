package io.strata.engine.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.strata.engine.EnginePod;

/**
 * The pod of a virtual PostgreSQL database, run on this host as its container would run it: the init container's
 * script and the engine's command, as the owner of the files ({@code postgres}), on a data directory that looks like
 * a clone of a standby (standby.signal, the lock file of another server, settings naming the source's host in
 * postgresql.auto.conf). Only the mount paths and the port move to a temporary directory and a free port. No kubelet
 * runs here, so this is how the pod's commands are tested.
 */
class PostgresPodTest {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String PASSWORD = "it's \"quoted\"";

    private Path root;
    private Path data;
    private Path run;
    private Process server;

    @BeforeEach
    void makeAStandbyClone() throws Exception {
        assumeTrue(Files.isExecutable(BIN.resolve("postgres")) && "root".equals(System.getProperty("user.name")),
                "needs PostgreSQL 15 and root to run it as postgres");
        root = Files.createTempDirectory("strata-pod");
        data = root.resolve("data");
        run = root.resolve("run");
        Files.createDirectories(run);
        exec(List.of("chown", "-R", "postgres:postgres", root.toString()), Map.of());
        asPostgres(List.of(BIN + "/initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust"));
        asPostgres(List.of("sh", "-c", "echo 'CREATE ROLE app' | " + BIN + "/postgres --single -D " + data
                + " postgres"));
        asPostgres(List.of("sh", "-c", "touch \"$1/standby.signal\" && printf '4242\\n/elsewhere\\n' > "
                + "\"$1/postmaster.pid\" && printf \"port = '1'\\nhba_file = '/source/pg_hba.conf'\\n"
                + "primary_conninfo = 'host=source'\\n\" >> \"$1/postgresql.auto.conf\"", "sh", data.toString()));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theInitContainerMakesTheCloneAPrimaryWithThePasswordAndTheEngineServesIt() throws Exception {
        EnginePod pod = PostgresPod.of("qa", Map.of(), Map.of("serverVersion", "15.18"));
        assertThat(pod.image()).isEqualTo("postgres:15");
        int port = freePort();

        asPostgres(here(pod.init(), port));
        assertThat(data.resolve("standby.signal")).doesNotExist();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        server = start(here(pod.command(), port));
        List<String> readiness = here(pod.readiness(), port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(server.isAlive()).as("the server runs").isTrue();
            return asPostgresExit(readiness) == 0;
        });
        // Over the network, with the password the init container set; a wrong one is refused.
        List<String> query = List.of(BIN + "/psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "app",
                "-d", "postgres", "-tAc", "select pg_is_in_recovery()");
        assertThat(exec(query, Map.of("PGPASSWORD", PASSWORD))).isEqualTo("f");
        assertThat(exitOf(query, Map.of("PGPASSWORD", "wrong"))).isNotZero();
        assertThat(asPostgresExit(here(pod.flush(), port))).as("the checkpoint before a snapshot").isZero();
        // A second start of the pod (a restart, a refresh) runs the init container again on a clone it configured.
        server.destroy();
        server.waitFor(60, TimeUnit.SECONDS);
        asPostgres(here(pod.init(), port));
    }

    /** A pod command with this host's temporary directory for the mounts and a free port for 5432. */
    private List<String> here(List<String> command, int port) {
        List<String> moved = new ArrayList<>();
        for (String part : command) {
            moved.add(part.replace(EnginePod.DATA_MOUNT, data.toString()).replace(EnginePod.RUN_MOUNT, run
                    .toString()).replace("5432", String.valueOf(port)));
        }
        return moved;
    }

    private static Map<String, String> podEnvironment() {
        return Map.of("STRATA_USER", "app", "STRATA_PASSWORD", PASSWORD, "PATH", BIN + ":/usr/bin:/bin");
    }

    private static List<String> setpriv(List<String> command) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres",
                "--init-groups", "--"));
        full.addAll(command);
        return full;
    }

    private static void asPostgres(List<String> command) throws Exception {
        exec(setpriv(command), podEnvironment());
    }

    private static int asPostgresExit(List<String> command) throws Exception {
        return exitOf(setpriv(command), podEnvironment());
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(setpriv(command)).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(podEnvironment());
        return builder.start();
    }

    private static String exec(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output.strip();
    }

    private static int exitOf(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return builder.start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
