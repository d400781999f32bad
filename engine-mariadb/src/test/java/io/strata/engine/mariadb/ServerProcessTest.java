package io.strata.engine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.strata.engine.HostConnection;

/**
 * How a server is recognised as ours: by its pid file, or, while it has none (mariadbd writes it only once its engines
 * are up, and a service killed just after starting it leaves it so), by its command line; a process that merely
 * mentions the work directory is not ours.
 */
class ServerProcessTest {

    /** This machine, as the mysql user so that commands are run as they are (no runuser). */
    private static final HostConnection HERE = new HostConnection() {

        @Override
        public String describe() {
            return "local";
        }

        @Override
        public String address() {
            return "127.0.0.1";
        }

        @Override
        public String user() {
            return MariaDbPlugin.OS_USER;
        }

        @Override
        public Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout,
                Consumer<String> stderrLines) {
            try {
                Process process = new ProcessBuilder(command).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                return new Result(process.waitFor(), new String(process.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8),
                        new String(process.getErrorStream().readAllBytes(),
                                StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    };

    /** A process whose arguments are those a server of {@code work} is started with, as a shell that waits. */
    private static Process startedWith(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", "sleep 600; :", "sh"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).start();
    }

    @Test
    void aServerWithoutItsPidFileYetIsFoundByItsCommandLineAndStopped(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("run"));
        assertThat(ServerProcess.running(HERE, work.toString())).isFalse();

        Process server = startedWith("--defaults-file=" + work + "/my.cnf");
        try {
            assertThat(ServerProcess.running(HERE, work.toString())).as("found without a pid file").isTrue();
            ServerProcess.stop(HERE, work.toString(), "the test's server");
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
            assertThat(ServerProcess.running(HERE, work.toString())).isFalse();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aProcessThatOnlyMentionsTheWorkDirectoryIsNotOurs(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("run"));
        Process other = startedWith("--defaults-file=" + work + "/my.cnf.bak", work + "/my.cnf");
        Process reused = startedWith("unrelated");
        try {
            Files.writeString(work.resolve("run/mariadbd.pid"), reused.pid() + "\n");
            assertThat(ServerProcess.running(HERE, work.toString())).as("neither the pid file's process nor one "
                    + "naming another file").isFalse();
            ServerProcess.stop(HERE, work.toString(), "nothing");
            assertThat(other.isAlive() && reused.isAlive()).as("neither is signalled").isTrue();
        } finally {
            other.destroyForcibly();
            reused.destroyForcibly();
        }
    }
}
