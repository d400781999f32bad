package io.strata.hosts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.strata.common.util.DaemonThreads;
import io.strata.engine.UserError;

/**
 * What SSH hosts and Kubernetes pods share: secrets travel on standard input, read by a tiny shell prologue, so
 * they never appear in a command line (the remote {@code ps}, the API server's audit log); output is read to the
 * end while each line of standard error is handed on as it comes.
 */
final class RemoteCommands {

    private static final Logger LOG = Logger.getLogger(RemoteCommands.class);

    /**
     * One thread per stream of a running command: the output readers block until the command ends, and the input
     * writer blocks while the command does not read; none of them may hold up the caller's timeout.
     */
    private static final ExecutorService STREAMS = DaemonThreads.pool("remote-command-streams");

    /** Input is written in pieces of this size, so that writing stops soon after the command has ended. */
    static final int CHUNK = 8192;

    private RemoteCommands() {
    }

    /**
     * Writes a command's standard input, then closes it, on a thread of its own, stopping once {@code ended} says
     * the command is over. A command may exit before it reads its input ({@code psql} giving up on a dead server):
     * writing to it then fails or is discarded, which is no fault of ours, so the failure is only logged; how the
     * command ended is its exit status and output, which the caller reads from the session. Should the session
     * itself break, the caller learns it from the session too, not from this write.
     *
     * @param in the command's input, or {@code null} when it has none
     */
    static void feed(String program, OutputStream in, byte[] input, BooleanSupplier ended) {
        if (in == null) {
            return;
        }
        STREAMS.execute(() -> {
            try (in) {
                for (int offset = 0; offset < input.length && !ended.getAsBoolean(); offset += CHUNK) {
                    in.write(input, offset, Math.min(CHUNK, input.length - offset));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s did not read all of its input: %s", program, e.getMessage());
            }
        });
    }

    /** Reads a stream to its end on a thread of its own (see {@link #readAll}). */
    static CompletableFuture<String> read(InputStream stream, Consumer<String> lines) {
        return CompletableFuture.supplyAsync(() -> readAll(stream, lines), STREAMS);
    }

    /** The program preceded, when there are secrets, by {@code sh -c 'IFS= read -r NAME; export NAME; exec "$@"'}. */
    static List<String> withSecretPrologue(List<String> command, Map<String, String> environment) {
        List<String> parts = new ArrayList<>();
        if (!environment.isEmpty()) {
            StringBuilder prologue = new StringBuilder();
            for (String name : environment.keySet()) {
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("invalid environment variable name " + name);
                }
                prologue.append("IFS= read -r ").append(name).append("; export ").append(name).append("; ");
            }
            prologue.append("exec \"$@\"");
            parts.addAll(List.of("sh", "-c", prologue.toString(), "sh"));
        }
        parts.addAll(command);
        return parts;
    }

    /** Standard input for {@link #withSecretPrologue}: one line per secret, then the program's own input. */
    static byte[] input(Map<String, String> environment, byte[] stdin) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        environment.values().forEach(value -> {
            if (value.contains("\n")) {
                // A user's password, say: a UserError (400), not an IllegalArgumentException (500).
                throw new UserError("A secret passed to a command on another host cannot contain a line break.",
                        "Remove the line break from the password or key.");
            }
            input.writeBytes((value + "\n").getBytes(StandardCharsets.UTF_8));
        });
        if (stdin != null) {
            input.writeBytes(stdin);
        }
        return input.toByteArray();
    }

    /** Everything the stream holds until it closes; each non-empty line also goes to {@code lines} if given. */
    static String readAll(InputStream stream, Consumer<String> lines) {
        StringBuilder all = new StringBuilder();
        StringBuilder current = new StringBuilder();
        try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            int c;
            while ((c = reader.read()) >= 0) {
                all.append((char) c);
                if (lines != null) {
                    if (c == '\n' || c == '\r') {
                        if (!current.isEmpty()) {
                            lines.accept(current.toString());
                            current.setLength(0);
                        }
                    } else {
                        current.append((char) c);
                    }
                }
            }
        } catch (IOException e) {
            // The channel closed; return what was read.
        }
        if (lines != null && !current.isEmpty()) {
            lines.accept(current.toString());
        }
        return all.toString();
    }
}
