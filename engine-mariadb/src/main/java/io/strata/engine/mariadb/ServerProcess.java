package io.strata.engine.mariadb;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.strata.engine.HostConnection;
import io.strata.engine.Repository;
import io.strata.engine.UserError;

/**
 * A {@code mariadbd} that Strata runs on a host, known by its work directory (its {@code my.cnf}, pid file, socket
 * and error log): started detached as the {@code mysql} user, stopped cleanly with SIGTERM (which needs no account
 * in the server, whatever the data directory's users are). A server is "ours" only while the process its pid file
 * names runs with our {@code my.cnf}: a pid reused by another program is never signalled.
 */
final class ServerProcess {

    private static final String OS_USER = MariaDbPlugin.OS_USER;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);

    /**
     * $1 work directory. Exits 0, with {@code pid} set, when a live mariadbd runs with $1/my.cnf: the one its pid file
     * names, or else one found by its command line. The second look finds a server whose pid file is not written yet
     * (mariadbd writes it only part-way through its start) or was removed: one started just before the service that
     * started it was killed, which a resumed operation must stop or adopt rather than start a second server beside.
     * One grep reads every process's arguments, NUL-separated ({@code -z}), each compared whole ({@code -x}); it
     * takes the argument it looks for on standard input, so that its own arguments do not hold it.
     */
    private static final String OWN = """
            pid=$(cat "$1/run/mariadbd.pid" 2> /dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null \\
              && tr '\\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$1/my.cnf"
            if [ $? -ne 0 ]; then
              pid=$(printf '%s\\n' "--defaults-file=$1/my.cnf" | grep -lzxF -f - /proc/[0-9]*/cmdline 2> /dev/null \\
                | head -n 1)
              pid=${pid#/proc/}
              pid=${pid%/cmdline}
              [ -n "$pid" ]
            fi
            """;

    /**
     * $1 work directory, $2 the server program, $3 the clients' directory, $4 seconds to wait. Starts the server
     * unless it runs, then waits until it answers ping on its socket (ping answers even when it refuses the login);
     * one that runs but does not answer yet is still starting, and is waited for. Exits 3 when the server died, 4 on
     * timeout.
     */
    private static final String START = OWN
            + """
                    if [ $? -ne 0 ]; then
                      rm -f "$1/run/mariadbd.pid" "$1/run/mariadbd.sock"
                      setsid "$2" --defaults-file="$1/my.cnf" < /dev/null >> "$1/mariadbd.log" 2>&1 &
                      started=$!
                    else
                      started=$pid
                    fi
                    begin=$(date +%s)
                    while [ $(($(date +%s) - begin)) -lt "$4" ]; do
                      if [ -S "$1/run/mariadbd.sock" ] && "$3/mariadb-admin" --no-defaults --socket="$1/run/mariadbd.sock" \\
                          --user=root --connect-timeout=2 ping > /dev/null 2>&1; then
                        exit 0
                      fi
                      if [ -n "$started" ] && { ! kill -0 "$started" 2> /dev/null || grep -q ') Z' "/proc/$started/stat"; }; then
                        exit 3
                      fi
                      sleep 0.05
                    done
                    exit 4
                    """;

    /** $1 work directory, $2 seconds to wait. Stops our server cleanly; exits 4 when it does not stop in time. */
    private static final String STOP = OWN + """
            [ $? -eq 0 ] || exit 0
            kill -TERM "$pid"
            begin=$(date +%s)
            while kill -0 "$pid" 2> /dev/null; do
              [ $(($(date +%s) - begin)) -lt "$2" ] || exit 4
              sleep 0.1
            done
            """;

    private ServerProcess() {
    }

    /** The directory of the client programs (mariadb, mariabackup, mariadb-admin) of an installation. */
    static String clientDir(Repository repository) {
        String clients = repository.properties() == null ? null : repository.properties().get("clientDir");
        return clients == null ? repository.binDir() : clients;
    }

    /** The server program of an installation ({@code mariadbd}, or {@code mysqld} in older releases). */
    static String serverProgram(Repository repository) {
        String server = repository.properties() == null ? null : repository.properties().get("server");
        return server == null ? repository.binDir() + "/mariadbd" : server;
    }

    /** Whether our server of this work directory runs. */
    static boolean running(HostConnection host, String workPath) {
        return host.run(host.as(OS_USER, List.of("sh", "-c", OWN, "sh", workPath)), Map.of(), null, Duration
                .ofSeconds(30)).exitCode() == 0;
    }

    /** Starts the server of this work directory (unless it runs) and returns once it answers. */
    static void start(HostConnection host, Repository repository, String workPath, String what) {
        HostConnection.Result result = host.run(host.as(OS_USER, List.of("sh", "-c", START, "sh", workPath,
                serverProgram(repository), clientDir(repository), String.valueOf(START_TIMEOUT.toSeconds()))), Map.of(),
                null, START_TIMEOUT.plusMinutes(1));
        if (result.exitCode() == 4) {
            throw new UserError(what + " is still starting after " + START_TIMEOUT.toMinutes() + " minutes.",
                    "See its log: " + ServerConfig.errorLog(workPath) + ".", logTail(host, workPath, 20));
        }
        if (result.exitCode() != 0) {
            throw new UserError(what + " did not start.", "See its log: " + ServerConfig.errorLog(workPath) + ".",
                    result.stdout() + result.stderr() + logTail(host, workPath, 20));
        }
    }

    /** Stops the server of this work directory cleanly, if it runs. */
    static void stop(HostConnection host, String workPath, String what) {
        HostConnection.Result result = host.run(host.as(OS_USER, List.of("sh", "-c", STOP, "sh", workPath, String
                .valueOf(STOP_TIMEOUT.toSeconds()))), Map.of(), null, STOP_TIMEOUT.plusMinutes(1));
        if (result.exitCode() != 0) {
            throw new UserError(what + " did not stop within " + STOP_TIMEOUT.toMinutes() + " minutes.", "See its "
                    + "log: " + ServerConfig.errorLog(workPath) + ".", result.stderr() + logTail(host, workPath, 20));
        }
    }

    /** The last lines of the server's error log, or an empty string. */
    static String logTail(HostConnection host, String workPath, int lines) {
        HostConnection.Result tail = host.run(List.of("tail", "-n", String.valueOf(lines), ServerConfig.errorLog(
                workPath)), Map.of(), null, Duration.ofSeconds(10));
        return tail.exitCode() == 0 ? "\n" + tail.stdout() : "";
    }

    /** Runs a command as {@code osUser} (or as the connection's user for {@code null}) and fails with its output. */
    static HostConnection.Result run(HostConnection host, String osUser, String what, String... command) {
        HostConnection.Result result = host.run(host.as(osUser, List.of(command)), Map.of(), null, Duration
                .ofMinutes(5));
        if (result.exitCode() != 0) {
            throw new UserError("Could not " + what + " on " + host.describe() + ".", "Check that the directory "
                    + "exists and that the mysql user may reach it.", result.stderr());
        }
        return result;
    }

    /** Writes a file (mode 0600 when new) as {@code osUser}; the content goes on standard input. */
    static void write(HostConnection host, String osUser, String path, String content) {
        HostConnection.Result result = host.run(host.as(osUser, List.of("sh", "-c", "umask 077 && cat > \"$1\"",
                "sh", path)), Map.of(), content.getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration
                        .ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new UserError("Could not write " + path + " on " + host.describe() + ".", "Check that its "
                    + "directory exists and belongs to the mysql user.", result.stderr());
        }
    }

    /**
     * Creates the work directory with its {@code run} subdirectory and gives it, and the top of the data directory
     * ({@code null}: none), to the mysql user (when the connection is root), both mode 0700.
     */
    static void prepareDirectories(HostConnection host, String workPath, String dataPath) {
        run(host, null, "create " + workPath, "mkdir", "-p", workPath + "/run");
        if ("root".equals(host.user())) {
            run(host, null, "give " + workPath + " to mysql", "chown", "-R", OS_USER + ":" + OS_USER, workPath);
            if (dataPath != null) {
                run(host, null, "give " + dataPath + " to mysql", "chown", OS_USER + ":" + OS_USER, dataPath);
            }
        }
        run(host, OS_USER, "protect " + workPath, "chmod", "700", workPath);
        if (dataPath != null) {
            run(host, OS_USER, "protect " + dataPath, "chmod", "700", dataPath);
        }
    }
}
