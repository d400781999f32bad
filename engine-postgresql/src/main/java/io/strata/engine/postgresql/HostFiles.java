package io.strata.engine.postgresql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;

/** File operations on a host, through its connection, as a given OS user (content on stdin, never in arguments). */
final class HostFiles {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HostFiles() {
    }

    /** Writes a file (mode 0600 for new files). */
    static void write(HostConnection host, String osUser, String path, String content) {
        check(host, host.run(host.as(osUser, List.of("sh", "-c", "umask 077 && cat > \"$1\"", "sh", path)), Map.of(),
                content.getBytes(StandardCharsets.UTF_8), TIMEOUT), "write " + path);
    }

    /** Appends to a file. */
    static void append(HostConnection host, String osUser, String path, String content) {
        check(host, host.run(host.as(osUser, List.of("sh", "-c", "cat >> \"$1\"", "sh", path)), Map.of(), content
                .getBytes(StandardCharsets.UTF_8), TIMEOUT), "append to " + path);
    }

    /** Reads a file, or {@code null} when it does not exist. */
    static String read(HostConnection host, String osUser, String path) {
        HostConnection.Result result = host.run(host.as(osUser, List.of("sh", "-c", "test -f \"$1\" && cat \"$1\"",
                "sh", path)), Map.of(), null, TIMEOUT);
        return result.exitCode() == 0 ? result.stdout() : null;
    }

    /** Runs a command and fails with its output. */
    static HostConnection.Result run(HostConnection host, String osUser, String what, String... command) {
        return check(host, host.run(host.as(osUser, List.of(command)), Map.of(), null, TIMEOUT), what);
    }

    /** Whether a path exists on the host. */
    static boolean exists(HostConnection host, String path) {
        return host.run(List.of("test", "-e", path), Map.of(), null, TIMEOUT).exitCode() == 0;
    }

    private static HostConnection.Result check(HostConnection host, HostConnection.Result result, String what) {
        if (result.exitCode() != 0) {
            throw new UserError("Could not " + what + " on " + host.describe() + ".",
                    "Check that the directory exists and belongs to the right user.", result.stderr());
        }
        return result;
    }
}
