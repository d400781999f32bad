package io.strata.hosts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What SSH hosts and Kubernetes pods share: secrets travel on standard input, read by a tiny shell prologue, so
 * they never appear in a command line (the remote {@code ps}, the API server's audit log); output is read to the
 * end while each line of standard error is handed on as it comes.
 */
final class RemoteCommands {

    private RemoteCommands() {
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
                throw new IllegalArgumentException("a secret passed to a remote command must not contain a newline");
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
