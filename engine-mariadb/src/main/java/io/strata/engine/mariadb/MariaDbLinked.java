package io.strata.engine.mariadb;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.strata.engine.HostConnection;
import io.strata.engine.LinkedOperations;
import io.strata.engine.LinkedSource;
import io.strata.engine.ProgressListener;
import io.strata.engine.SnapshotMetadata;
import io.strata.engine.SnapshotPoint;
import io.strata.engine.Staging;
import io.strata.engine.StagingStatus;
import io.strata.engine.UserError;

/**
 * Linking MariaDB with a staging replica: {@code mariabackup --backup} of the source into the staging volume, then
 * {@code --prepare}; a {@code mariadbd} on the volume that replicates from the source by GTID, starting at the
 * position the backup noted. A sync waits until the replica has applied everything the source had written to its
 * binary log when the sync began ({@code MASTER_GTID_WAIT}), stops the replica's SQL thread, flushes the tables and
 * reports the replica's GTID position; after the snapshot the SQL thread resumes. The replication connection and its
 * password are kept in the work directory, outside the volume, so they never reach a snapshot.
 * <p>
 * mariabackup copies the source's data files, so it runs on the staging host against a server whose data directory
 * it can read there: the staging environment is the source's own host.
 */
class MariaDbLinked implements LinkedOperations {

    static final String OS_USER = MariaDbPlugin.OS_USER;
    private static final Duration BACKUP_TIMEOUT = Duration.ofHours(24);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);
    /**
     * Global privileges linking needs, each with the names that grant it: RELOAD and PROCESS for mariabackup,
     * REPLICATION SLAVE for the replica, REPLICATION CLIENT (named BINLOG MONITOR since MariaDB 10.5) for both.
     */
    private static final Map<String, Set<String>> PRIVILEGES = Map.of("RELOAD", Set.of("RELOAD"), "PROCESS", Set.of(
            "PROCESS"), "REPLICATION CLIENT", Set.of("BINLOG MONITOR", "REPLICATION CLIENT"), "REPLICATION SLAVE",
            Set.of("REPLICATION SLAVE"));

    /** The source connection fields. */
    record Connection(String host, int port, String database, String user, String password) {

        static Connection of(LinkedSource source) {
            return new Connection(source.string("connection.host"), source.integer("connection.port",
                    MariaDbPlugin.DEFAULT_PORT), source.string("connection.database"),
                    source.string(
                            "connection.user"),
                    source.secrets().get("connection.password"));
        }
    }

    private static MariaDbClient source(LinkedSource source, Staging staging) {
        Connection connection = Connection.of(source);
        return MariaDbClient.tcp(staging.host(), ServerProcess.clientDir(staging.repository()), connection.host(),
                connection.port(), connection.database(), connection.user(), connection.password());
    }

    private static MariaDbClient staging(Staging staging) {
        return MariaDbClient.socket(staging.host(), ServerProcess.clientDir(staging.repository()), ServerConfig
                .socket(staging.workPath()));
    }

    /** A string literal for SQL (the server's default mode treats a backslash as an escape). */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public void validateSource(LinkedSource source, Staging staging) {
        if (staging.repository() == null) {
            throw new UserError("No MariaDB installation was found on the staging host " + staging.host().describe()
                    + ".",
                    "Install MariaDB there (packages mariadb-server and mariadb-backup, the same version as "
                            + "the source) and run POST /environments/{id}/discover.");
        }
        if (staging.host().run(List.of("test", "-x", ServerProcess.clientDir(staging.repository()) + "/mariabackup"),
                Map.of(), null, Duration.ofSeconds(30)).exitCode() != 0) {
            throw new UserError("mariabackup is not installed on the staging host " + staging.host().describe() + ".",
                    "Install it there (package mariadb-backup, the same version as the server).");
        }
        Connection connection = Connection.of(source);
        MariaDbClient client = source(source, staging);
        List<String> row = client.rows("SELECT @@log_bin, @@version, @@datadir, (SELECT COUNT(*) FROM "
                + "information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME IN ('GTID_BINLOG_POS', "
                + "'GTID_CURRENT_POS'))").get(0);
        if (!"2".equals(row.get(3))) {
            throw new UserError("The server at " + connection.host() + ":" + connection.port() + " (" + row.get(1)
                    + ") has no MariaDB GTID positions (gtid_binlog_pos, gtid_current_pos), which the staging "
                    + "replica follows.", "Link a MariaDB server (10.0 or later); MySQL is not supported.");
        }
        if (!"1".equals(row.get(0))) {
            throw new UserError("Binary logging is off on the source (log_bin = OFF), so no replica can follow it.",
                    "Start the source with log-bin (e.g. log-bin = mysql-bin and a server-id in its my.cnf) and "
                            + "link again.");
        }
        requirePrivileges(client, connection);
        requireSameSeries(row.get(1), staging);
        requireDataDirectoryHere(staging, row.get(2), connection);
    }

    private static void requirePrivileges(MariaDbClient client, Connection connection) {
        Set<String> granted = new TreeSet<>();
        for (List<String> privilege : client.rows("SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES "
                + "WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', "
                + "SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')")) {
            granted.add(privilege.get(0).toUpperCase(Locale.ROOT));
        }
        List<String> missing = PRIVILEGES.entrySet().stream().filter(needed -> needed.getValue().stream()
                .noneMatch(granted::contains)).map(Map.Entry::getKey).sorted().toList();
        if (!missing.isEmpty()) {
            throw new UserError("The user " + connection.user() + " lacks " + String.join(", ", missing)
                    + " on the source, which mariabackup and the staging replica need.",
                    "Run as an administrator on the source: GRANT " + String.join(", ", missing) + " ON *.* TO "
                            + "the user (e.g. '" + connection.user() + "'@'%'); then link again.");
        }
    }

    /** mariabackup refuses a server of another release series, and a replica must not be older than its source. */
    private static void requireSameSeries(String sourceVersion, Staging staging) {
        String sourceSeries = MariaDbDiscovery.series(sourceVersion);
        String stagingSeries = staging.repository().properties().get("series");
        if (stagingSeries != null && !stagingSeries.equals(sourceSeries)) {
            throw new UserError("The source runs MariaDB " + sourceVersion + " but the staging host's installation "
                    + "is " + staging.repository().version() + "; mariabackup needs the same release series.",
                    "Install MariaDB " + sourceSeries + " (with mariadb-backup) on the staging host and run "
                            + "discovery again.");
        }
    }

    private static void requireDataDirectoryHere(Staging staging, String dataDirectory, Connection connection) {
        HostConnection host = staging.host();
        if (host.run(host.as(OS_USER, List.of("test", "-r", dataDirectory + "/ibdata1")), Map.of(), null,
                Duration.ofSeconds(30)).exitCode() != 0) {
            throw new UserError("The source's data directory " + dataDirectory + " is not readable by the mysql "
                    + "user on the staging host " + host.describe() + "; mariabackup copies the data files and so "
                    + "must run where the source's files are.",
                    "Stage on the source's own host (staging.environment: the environment of "
                            + connection.host() + "), where the source runs as the mysql user.");
        }
    }

    @Override
    public void initialLoad(LinkedSource source, Staging staging, ProgressListener progress) {
        HostConnection host = staging.host();
        String work = staging.workPath();
        String data = staging.dataPath();
        ServerProcess.prepareDirectories(host, work, data);
        // A new copy: the replication connection of an earlier copy (a resync) no longer concerns it.
        ServerProcess.run(host, OS_USER, "forget the earlier replication state", "sh", "-c", "rm -f \"$1\"/master.info "
                + "\"$1\"/relay-log.info \"$1\"/relay-bin.*", "sh", work);
        MariaDbClient sourceSql = source(source, staging);
        long sourceServerId = Long.parseLong(sourceSql.value("SELECT @@server_id"));
        String options = work + "/backup.cnf";
        ServerProcess.write(host, OS_USER, options, "[client]\npassword = \"" + Connection.of(source).password()
                .replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
        try {
            progress.progress(5, "mariabackup --backup from " + Connection.of(source).host());
            backup(source, staging, options);
        } finally {
            host.run(List.of("rm", "-f", options), Map.of(), null, Duration.ofSeconds(30));
        }
        progress.progress(80, "mariabackup --prepare");
        HostConnection.Result prepared = host.run(host.as(OS_USER, List.of(ServerProcess.clientDir(staging
                .repository()) + "/mariabackup", "--prepare", "--target-dir=" + data)), Map.of(), null,
                BACKUP_TIMEOUT);
        if (prepared.exitCode() != 0) {
            clear(staging);
            throw new UserError("mariabackup --prepare of the copy failed.", "See the output; load again with "
                    + "POST /sources/{id}/sync {\"resync\": true}.", prepared.stderr());
        }
        binlogInfo(staging);
        boolean keepLog = source.flag("logSync", false);
        if (keepLog) {
            // Kept across a resync: older snapshots' positions name files of it.
            ServerProcess.run(host, OS_USER, "create the binary log directory", "mkdir", "-p", ServerConfig
                    .binlogDirectory(work));
        }
        ServerProcess.write(host, OS_USER, ServerConfig.file(work), ServerConfig.staging(data, work, staging.port(),
                ServerConfig.serverId(source.id(), sourceServerId), keepLog).render(
                        "Strata staging replica of source "
                                + source.id()));
        progress.progress(100, "backup prepared");
    }

    private static void backup(LinkedSource source, Staging staging, String options) {
        Connection connection = Connection.of(source);
        HostConnection host = staging.host();
        List<String> command = List.of(ServerProcess.clientDir(staging.repository()) + "/mariabackup",
                "--defaults-extra-file=" + options, "--backup", "--host=" + connection.host(), "--port="
                        + connection.port(),
                "--user=" + connection.user(), "--target-dir=" + staging.dataPath());
        HostConnection.Result result = host.run(host.as(OS_USER, command), Map.of(), null, BACKUP_TIMEOUT);
        if (result.exitCode() != 0) {
            clear(staging);
            throw new UserError("mariabackup --backup of the source failed.", "See the output: the user needs "
                    + "RELOAD, PROCESS, REPLICATION CLIENT and REPLICATION SLAVE, and the source's data directory must be "
                    + "readable by the mysql user on the staging host.", result.stderr());
        }
    }

    /** Leaves the staging volume empty, as a failed load must. */
    private static void clear(Staging staging) {
        staging.host().run(List.of("sh", "-c", "find \"$1\" -mindepth 1 -delete", "sh", staging.dataPath()), Map.of(),
                null, Duration.ofMinutes(10));
    }

    /** Where the source's binary log stood in the backup at {@code staging.dataPath()}. */
    static BinlogInfo binlogInfo(Staging staging) {
        for (String name : BinlogInfo.FILE_NAMES) {
            HostConnection.Result content = staging.host().run(List.of("cat", staging.dataPath() + "/" + name), Map
                    .of(), null, Duration.ofSeconds(30));
            if (content.exitCode() == 0) {
                try {
                    return BinlogInfo.parse(content.stdout());
                } catch (IllegalArgumentException e) {
                    throw new UserError("The backup's " + name + " cannot be read: " + e.getMessage() + ".",
                            "Load the source again: POST /sources/{id}/sync {\"resync\": true}.");
                }
            }
        }
        throw new UserError("The backup holds no binary log position (" + String.join(" or ", BinlogInfo.FILE_NAMES)
                + "), so no replica can start from it.", "Check that the source has log-bin on, and load again.");
    }

    @Override
    public void startStaging(LinkedSource source, Staging staging) {
        HostConnection host = staging.host();
        ServerProcess.prepareDirectories(host, staging.workPath(), null);
        boolean replicating = host.run(List.of("test", "-e", staging.workPath() + "/master.info"), Map.of(), null,
                Duration.ofSeconds(30)).exitCode() == 0;
        ServerProcess.start(host, staging.repository(), staging.workPath(), "The staging replica");
        if (!replicating) {
            // The first start on this copy: replicate from where the backup stands. Later starts resume by
            // themselves from the replication connection kept in the work directory.
            Gtid start = binlogInfo(staging).gtid();
            Connection connection = Connection.of(source);
            staging(staging).execute("SET GLOBAL gtid_slave_pos = " + literal(start.toString()) + ";\n"
                    + "CHANGE MASTER TO MASTER_HOST = " + literal(connection.host()) + ", MASTER_PORT = "
                    + connection.port() + ", MASTER_USER = " + literal(connection.user()) + ", MASTER_PASSWORD = "
                    + literal(connection.password()) + ", MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 10;\n"
                    + "START SLAVE;\n");
        }
    }

    @Override
    public void stopStaging(LinkedSource source, Staging staging) {
        ServerProcess.stop(staging.host(), staging.workPath(), "The staging replica");
    }

    @Override
    public StagingStatus status(LinkedSource source, Staging staging) {
        if (!ServerProcess.running(staging.host(), staging.workPath())) {
            return new StagingStatus(false, null, null, null, "the staging replica is stopped");
        }
        Map<String, String> replica = staging(staging).namedRow("SHOW SLAVE STATUS");
        if (replica.isEmpty()) {
            return new StagingStatus(true, null, null, null, "the staging replica runs but does not replicate");
        }
        String behind = replica.getOrDefault("Seconds_Behind_Master", "NULL");
        Double lagSeconds = behind.matches("\\d+") ? Double.valueOf(behind) : null;
        StringBuilder detail = new StringBuilder("replica at GTID ").append(replica.get("Gtid_Slave_Pos")).append(
                ", IO thread ").append(replica.get("Slave_IO_Running")).append(", SQL thread ").append(replica.get(
                        "Slave_SQL_Running"));
        for (String error : List.of("Last_IO_Error", "Last_SQL_Error")) {
            if (!replica.getOrDefault(error, "").isBlank()) {
                detail.append("; ").append(replica.get(error));
            }
        }
        return new StagingStatus(true, null, lagSeconds, null, detail.toString());
    }

    @Override
    public SnapshotPoint preSnapshot(LinkedSource source, Staging staging, ProgressListener progress) {
        if (!ServerProcess.running(staging.host(), staging.workPath())) {
            throw new UserError("The staging replica of this source is not running.", "Start it again: disable and "
                    + "enable the source (POST /sources/{id}/disable, then /enable), or load it again (POST "
                    + "/sources/{id}/sync with {\"resync\": true}).");
        }
        MariaDbClient replica = staging(staging);
        // A sync that failed after pausing the SQL thread left it stopped: the wait below needs it running.
        replica.execute("START SLAVE;");
        Instant asOf = Instant.now();
        Gtid target = Gtid.parse(source(source, staging).value("SELECT @@gtid_binlog_pos"));
        progress.progress(10, "waiting for the staging replica to apply up to GTID " + target);
        awaitGtid(replica, staging, target, progress);
        progress.progress(60, "pausing the replica and flushing its tables");
        List<String> point;
        String logFrom = null;
        try {
            point = replica.rows("STOP SLAVE SQL_THREAD; FLUSH TABLES; SELECT @@gtid_slave_pos, @@version;").get(0);
            if (source.flag("logSync", false)) {
                Map<String, String> position = replica.namedRow("SHOW MASTER STATUS");
                LogPosition.write(staging.host(), staging.dataPath(), position);
                // A clone replays from this file on (LogPosition): the files before it serve no later snapshot.
                logFrom = position.get("File");
            }
            staging.flushToDisk();
        } catch (RuntimeException e) {
            replica.execute("START SLAVE SQL_THREAD;");
            throw e;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(SnapshotMetadata.ENGINE.key(), MariaDbPlugin.NAME);
        metadata.put(SnapshotMetadata.SERVER_VERSION.key(), point.get(1));
        metadata.put(SnapshotMetadata.DATABASE.key(), source.string("connection.database"));
        metadata.put(SnapshotMetadata.USER.key(), source.string("connection.user"));
        metadata.put("gtid", point.get(0));
        if (source.flag("logSync", false)) {
            metadata.put(SnapshotMetadata.WAL_ARCHIVE.key(), ServerConfig.binlogDirectory(staging.workPath()));
            if (logFrom != null) {
                metadata.put(SnapshotMetadata.LOG_FROM.key(), logFrom);
            }
        }
        return new SnapshotPoint(point.get(0).isEmpty() ? null : point.get(0), asOf, metadata);
    }

    /**
     * Purges the staging replica's binary logs before {@code firstNeeded}; the server keeps its index of them right.
     * A stopped replica is left alone: the next call purges.
     */
    @Override
    public void trimLog(LinkedSource source, Staging staging, String firstNeeded) {
        if (!source.flag("logSync", false) || firstNeeded == null || !firstNeeded.matches("[A-Za-z0-9_.-]+")
                || !ServerProcess.running(staging.host(), staging.workPath())) {
            return;
        }
        staging(staging).execute("PURGE BINARY LOGS TO " + literal(firstNeeded) + ";");
    }

    /** Waits until the replica has applied {@code target} (the source's binary log position when the sync began). */
    private static void awaitGtid(MariaDbClient replica, Staging staging, Gtid target, ProgressListener progress) {
        if (target.isEmpty()) {
            return;
        }
        Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
        while (!"0".equals(replica.value("SELECT MASTER_GTID_WAIT(" + literal(target.toString()) + ", 5)"))) {
            Map<String, String> state = replica.namedRow("SHOW SLAVE STATUS");
            String errors = (state.getOrDefault("Last_IO_Error", "") + " " + state.getOrDefault("Last_SQL_Error", ""))
                    .strip();
            if (Instant.now().isAfter(deadline) || "No".equals(state.get("Slave_SQL_Running"))) {
                throw new UserError("The staging replica did not apply the source's transactions up to GTID "
                        + target + " (it is at " + state.get("Gtid_Slave_Pos") + ")" + (errors.isEmpty()
                                ? ""
                                : ": " + errors)
                        + ".",
                        "See its log at " + ServerConfig.errorLog(staging.workPath()) + " and SHOW SLAVE STATUS; "
                                + "if it cannot go on, load it again (POST /sources/{id}/sync {\"resync\": true}).");
            }
            progress.progress(30, "waiting for the staging replica to apply up to GTID " + target + " (at " + state
                    .get("Gtid_Slave_Pos") + ")");
        }
    }

    @Override
    public void postSnapshot(LinkedSource source, Staging staging, SnapshotPoint point) {
        staging(staging).execute("START SLAVE SQL_THREAD;");
    }

    /**
     * A replica leaves nothing on its source (MariaDB keeps no slot or state for it), so only the staging side goes:
     * the replica stopped, its work directory removed.
     */
    @Override
    public void unlink(LinkedSource source, Staging staging) {
        try {
            ServerProcess.stop(staging.host(), staging.workPath(), "The staging replica");
        } finally {
            staging.host().run(List.of("rm", "-rf", staging.workPath()), Map.of(), null, Duration.ofMinutes(1));
        }
    }

    /** Checks the new password on the source, then gives it to the running replica's replication connection. */
    @Override
    public void credentialsChanged(LinkedSource source, Staging staging) {
        source(source, staging).value("SELECT 1");
        if (staging.dataPath() == null) {
            return;
        }
        if (!ServerProcess.running(staging.host(), staging.workPath())) {
            throw new UserError("The staging replica is stopped, so its replication password cannot be changed.",
                    "Enable the source first (POST /sources/{id}/enable), then change the credentials.");
        }
        staging(staging).execute("STOP SLAVE; CHANGE MASTER TO MASTER_PASSWORD = " + literal(Connection.of(source)
                .password()) + "; START SLAVE;");
    }
}
