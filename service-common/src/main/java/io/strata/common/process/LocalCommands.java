package io.strata.common.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Runs programs on this host with a timeout, capturing output. Secrets go in {@code environment}, never in the
 * arguments, which any user can read with {@code ps}.
 */
public final class LocalCommands {

    private static final Logger LOG = Logger.getLogger(LocalCommands.class);

    /**
     * One thread per stream (input, output, error), so that a full stderr pipe never blocks a command and a command
     * that does not read its input never blocks us.
     */
    private static final java.util.concurrent.ExecutorService STREAMS = io.strata.common.util.DaemonThreads.pool(
            "command-streams");

    private LocalCommands() {
    }

    /** Runs a command; throws {@link CommandException} if it exits non-zero or outlives {@code timeout}. */
    public static CommandResult run(Duration timeout, List<String> command) {
        return run(timeout, command, Map.of(), null);
    }

    /** Runs a command and fails unless it exits with 0. */
    public static CommandResult run(Duration timeout, List<String> command, Map<String, String> environment,
            byte[] stdin) {
        CommandResult result = attempt(timeout, command, environment, stdin);
        if (!result.ok()) {
            String output = result.stderr().isBlank() ? result.stdout() : result.stderr();
            throw new CommandException(command, result.exitCode(), output.strip(),
                    command.get(0) + " exited with " + result.exitCode() + ": " + lastLines(output, 5));
        }
        return result;
    }

    /** Runs a command and returns how it ended, whatever the exit code; throws only on timeout. */
    public static CommandResult attempt(Duration timeout, List<String> command, Map<String, String> environment,
            byte[] stdin) {
        return attempt(timeout, command, environment, stdin, null);
    }

    /**
     * Like {@link #attempt(Duration, List, Map, byte[])}, handing each line of standard error (lines end at a newline
     * or a carriage return, as progress meters write them) to {@code stderrLines} as it arrives.
     */
    public static CommandResult attempt(Duration timeout, List<String> command, Map<String, String> environment,
            byte[] stdin, java.util.function.Consumer<String> stderrLines) {
        long started = System.nanoTime();
        Process process = start(command, environment);
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = stderrLines == null
                ? drain(process.getErrorStream())
                : drainLines(process.getErrorStream(), stderrLines);
        feed(command, process.getOutputStream(), stdin);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandException(command, -1, stderr.getNow(""), command.get(0) + " did not finish within "
                        + timeout.toSeconds() + " s");
            }
            CommandResult result = new CommandResult(process.exitValue(), stdout.get(), stderr.get());
            LOG.debugf("%s → %d in %d ms", command, result.exitCode(), (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException(command, -1, "", "interrupted while running " + command.get(0));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process start(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new CommandException(command, -1, "", "cannot run " + command.get(0) + ": " + e.getMessage());
        }
    }

    /**
     * Writes the command's input and closes it, on a thread of its own: a command that never reads a large input
     * would otherwise block the write, and with it the timeout. A command may exit, or close its input, before it
     * has read everything ({@code psql} giving up on a dead server before reading the SQL): the write then fails
     * with "Broken pipe" or "Stream closed", which is no fault of ours; how the command ended is its exit code and
     * output, so the failure is only logged.
     */
    private static void feed(List<String> command, OutputStream input, byte[] stdin) {
        if (stdin == null || stdin.length == 0) {
            closeInput(command, input);
            return;
        }
        STREAMS.execute(() -> {
            try (input) {
                input.write(stdin);
            } catch (IOException e) {
                LOG.debugf("%s did not read all of its input: %s", command.get(0), e.getMessage());
            }
        });
    }

    private static void closeInput(List<String> command, OutputStream input) {
        try {
            input.close();
        } catch (IOException e) {
            LOG.debugf("%s closed its input first: %s", command.get(0), e.getMessage());
        }
    }

    /** Whether a program can be found on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (new java.io.File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, STREAMS);
    }

    private static CompletableFuture<String> drainLines(InputStream stream,
            java.util.function.Consumer<String> lines) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder all = new StringBuilder();
            StringBuilder line = new StringBuilder();
            try (var reader = new java.io.InputStreamReader(stream, StandardCharsets.UTF_8)) {
                int c;
                while ((c = reader.read()) >= 0) {
                    all.append((char) c);
                    if (c == '\n' || c == '\r') {
                        if (!line.isEmpty()) {
                            lines.accept(line.toString());
                            line.setLength(0);
                        }
                    } else {
                        line.append((char) c);
                    }
                }
                if (!line.isEmpty()) {
                    lines.accept(line.toString());
                }
            } catch (IOException e) {
                // The process went away; what was read is returned.
            }
            return all.toString();
        }, STREAMS);
    }

    private static String lastLines(String text, int lines) {
        List<String> all = text.strip().lines().toList();
        return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
