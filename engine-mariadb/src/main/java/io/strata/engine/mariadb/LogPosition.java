package io.strata.engine.mariadb;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;

/**
 * Point in time for MariaDB. A staging replica linked with {@code logSync} writes every transaction it applies to a
 * binary log of its own, outside its data ({@link ServerConfig#binlogDirectory}); at each snapshot, with its SQL
 * thread stopped, its position in that log is written into the data directory ({@value #FILE}), so that every clone
 * carries the point it stands at. A virtual database at a moment is a clone of the newest snapshot before it, started,
 * then given the log's transactions from that position up to the moment, replayed with {@code mariadb-binlog} into
 * its server; the file is then removed, so a later start replays nothing.
 * <p>
 * A virtual database writes a binary log of its own changes in its life's log directory; a rewind to a moment of its
 * life replays that log from where its clone's last commit stands in it, which InnoDB records with every commit
 * ({@link #replay}).
 * <p>
 * Binary log events carry their time to the second: the moment is rounded up to the next whole second, so every
 * transaction committed in the moment's second is replayed.
 */
final class LogPosition {

    /** The file in a staging data directory (and so in its snapshots) naming its binary log file and position. */
    static final String FILE = "strata-log-position";

    private static final Duration REPLAY_TIMEOUT = Duration.ofHours(2);
    /** What InnoDB's recovery writes in the error log: the binary log file and position of the last commit. */
    private static final Pattern LAST_BINLOG = Pattern.compile("Last binlog file '([^']+)', position (\\d+)");
    /** The position of a binary log file's first event (after its 4-byte magic number). */
    private static final int FIRST_EVENT = 4;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(
            ZoneOffset.UTC);

    private LogPosition() {
    }

    /** Writes the replica's position ({@code SHOW MASTER STATUS}: File, Position) into its data directory. */
    static void write(HostConnection host, String dataPath, Map<String, String> masterStatus) {
        String file = masterStatus.get("File");
        String position = masterStatus.get("Position");
        if (file == null || position == null) {
            throw new UserError("The staging replica writes no binary log, though the source keeps one (logSync).",
                    "Load the source again (POST /sources/{id}/sync {\"resync\": true}), which restarts the replica "
                            + "with its binary log.");
        }
        ServerProcess.write(host, MariaDbPlugin.OS_USER, dataPath + "/" + FILE, file + " " + position + "\n");
    }

    /** The size of a server's error log now (0 when there is none): where its next start's lines begin. */
    static long errorLogSize(HostConnection host, String workPath) {
        HostConnection.Result size = host.run(List.of("sh", "-c", "stat -c %s \"$1\" 2>/dev/null || echo 0", "sh",
                ServerConfig.errorLog(workPath)), Map.of(), null, Duration.ofSeconds(30));
        return Long.parseLong(size.stdout().strip());
    }

    /**
     * Replays the kept log into the virtual database's running server, as root over its socket, up to its recovery
     * time; then forgets the position. A new virtual database at a moment of its source starts at the position its
     * clone carries ({@value #FILE}). A rewind to a moment of its own life starts where InnoDB's recovery of the clone
     * says the clone's last commit stands in the life's log (the "Last binlog file" line the server wrote in its
     * error log since {@code errorLogFrom}), or at the log's beginning when that names another log (the life began
     * from its parent's snapshot). Fails, saying why, when no position is known or the log is missing.
     */
    static void replay(VirtualDatabase vdb, String clientDir, String socket, long errorLogFrom) {
        HostConnection host = vdb.host();
        String positionFile = vdb.dataPath() + "/" + FILE;
        String[] position = vdb.previousDataPath() == null
                ? carried(vdb, positionFile)
                : recovered(vdb, errorLogFrom);
        List<String> files = logFiles(host, vdb.logArchive(), position[0]);
        Instant until = vdb.recoveryTime().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        List<String> command = new ArrayList<>(List.of("bash", "-c", "set -o pipefail; \"$1\" --no-defaults "
                + "--start-position=\"$2\" --stop-datetime=\"$3\" \"${@:6}\" | \"$4\" --no-defaults --protocol=SOCKET "
                + "--socket=\"$5\" --user=root", "replay", clientDir + "/mariadb-binlog", position[1],
                SECOND.format(
                        until),
                clientDir + "/mariadb", socket));
        command.addAll(files);
        // mariadb-binlog reads --stop-datetime in its own time zone.
        HostConnection.Result replayed = host.run(command, Map.of("TZ", "UTC"), null, REPLAY_TIMEOUT);
        if (replayed.exitCode() != 0) {
            throw new UserError("Replaying the binary log into " + vdb.name() + " up to " + vdb.recoveryTime()
                    + " failed.", "See the output; provision or rewind to the moment again, or to a snapshot.",
                    replayed.stderr());
        }
        host.run(List.of("rm", "-f", positionFile), Map.of(), null, Duration.ofSeconds(30));
    }

    /** The log file and position a clone of a staging snapshot carries. */
    private static String[] carried(VirtualDatabase vdb, String positionFile) {
        HostConnection.Result read = vdb.host().run(List.of("cat", positionFile), Map.of(), null, Duration
                .ofSeconds(30));
        if (read.exitCode() != 0) {
            throw new UserError("The snapshot of " + vdb.name() + " holds no binary log position, so no moment after "
                    + "it can be replayed.",
                    "Provision a moment after a snapshot taken since the source keeps its "
                            + "log (logSync), or provision the snapshot itself.",
                    read.stderr());
        }
        return read.stdout().strip().split(" ");
    }

    /**
     * Where the clone's last commit stands in the life's log, from InnoDB's recovery line; the log's first file from
     * its first event when the line names another log, or none was written.
     */
    private static String[] recovered(VirtualDatabase vdb, long errorLogFrom) {
        HostConnection.Result lines = vdb.host().run(List.of("sh", "-c", "tail -c +\"$2\" \"$1\" | grep "
                + "'Last binlog file' | tail -n 1", "sh", ServerConfig.errorLog(vdb.workPath()),
                String.valueOf(
                        errorLogFrom + 1)),
                Map.of(), null, Duration.ofSeconds(30));
        Matcher last = LAST_BINLOG.matcher(lines.stdout());
        String archive = vdb.logArchive();
        if (last.find() && last.group(1).startsWith(archive + "/")) {
            return new String[]{last.group(1).substring(archive.length() + 1), last.group(2)};
        }
        List<String> files = logFiles(vdb.host(), archive, "");
        return new String[]{files.get(0).substring(archive.length() + 1), String.valueOf(FIRST_EVENT)};
    }

    /**
     * The log's files from {@code first} on ({@code ""}: all), in order; fails when the log or that file is missing.
     */
    private static List<String> logFiles(HostConnection host, String archive, String first) {
        HostConnection.Result listed = host.run(List.of("sh", "-c",
                "ls -1 \"$1\" | grep -E '^" + ServerConfig.BINLOG_NAME + "\\.[0-9]+$' | sort", "sh", archive), Map.of(),
                null, Duration.ofSeconds(30));
        List<String> files = new ArrayList<>();
        for (String name : listed.stdout().split("\n")) {
            if (!name.isBlank() && name.compareTo(first) >= 0) {
                files.add(archive + "/" + name);
            }
        }
        if (listed.exitCode() != 0 || files.isEmpty() || !first.isEmpty() && !files.get(0).endsWith("/" + first)) {
            throw new UserError("The source's binary log " + first + " is not in " + archive + " on " + host
                    .describe() + ".", "Provision the virtual database on the staging host, where the log is kept, "
                            + "or provision a snapshot.",
                    listed.stderr());
        }
        return files;
    }
}
