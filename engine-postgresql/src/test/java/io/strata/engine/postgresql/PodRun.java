package io.strata.engine.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.strata.engine.EnginePod;
import io.strata.engine.HostConnection;

/**
 * A pod's commands run on this host as its containers would run them, as the owner of the files
 * ({@code postgres}): the mounts move to a temporary directory and port 5432 to a free port. No kubelet runs here, so
 * this is how the pods' commands are tested. It is also a {@link HostConnection} that runs everything as
 * {@code postgres}, as an exec session in the pod does.
 */
final class PodRun implements HostConnection {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    final Path root;
    final Path data;
    final Path run;
    final int port;
    private final Map<String, String> environment;

    PodRun(Map<String, String> environment) throws Exception {
        root = Files.createTempDirectory("strata-pod");
        data = root.resolve("data");
        run = root.resolve("run");
        Files.createDirectories(run);
        port = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("PATH", BIN + ":/usr/bin:/bin");
        exec(List.of("chown", "-R", "postgres:postgres", root.toString()), Map.of());
    }

    /** Whether this host can run the pods' commands: PostgreSQL 15 installed, and root to become postgres. */
    static boolean possible() {
        return Files.isExecutable(BIN.resolve("postgres")) && "root".equals(System.getProperty("user.name"));
    }

    /** A pod command with this host's directories for the mounts and the free port for 5432. */
    List<String> here(List<String> command) {
        List<String> moved = new ArrayList<>();
        for (String part : command) {
            moved.add(part.replace(EnginePod.DATA_MOUNT, data.toString()).replace(EnginePod.RUN_MOUNT, run
                    .toString()).replace("5432", String.valueOf(port)));
        }
        return moved;
    }

    /** Runs a pod command as postgres with the pod's environment; fails the test unless it succeeds. */
    String asPostgres(List<String> command) throws Exception {
        return exec(setpriv(here(command)), environment);
    }

    /** The exit code of a pod command run as postgres. */
    int asPostgresExit(List<String> command) throws Exception {
        return exitOf(setpriv(here(command)), environment);
    }

    /** Starts a pod's long-running command as postgres. */
    Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(setpriv(here(command))).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Stops a started command and removes the directories. */
    void close(Process server) throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    public String describe() {
        return "the pod (on this host)";
    }

    @Override
    public String address() {
        return "127.0.0.1";
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public Result run(List<String> command, Map<String, String> variables, byte[] stdin, Duration timeout,
            Consumer<String> stderrLines) {
        try {
            ProcessBuilder builder = new ProcessBuilder(setpriv(command));
            builder.environment().putAll(environment);
            builder.environment().putAll(variables);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin);
            }
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            stderr.lines().forEach(stderrLines);
            return new Result(process.waitFor(), stdout, stderr);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> setpriv(List<String> command) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres",
                "--init-groups", "--"));
        full.addAll(command);
        return full;
    }

    static String exec(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output.strip();
    }

    static int exitOf(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return builder.start().waitFor();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
