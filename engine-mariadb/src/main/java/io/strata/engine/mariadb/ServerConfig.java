package io.strata.engine.mariadb;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The {@code my.cnf} of a server Strata runs (a staging replica or a virtual database), kept in its work directory,
 * outside the data directory so that no snapshot carries it. Everything that names a file of the server's own
 * (socket, pid file, error log, relay log, the replication connection with its password) points into the work
 * directory: a clone of the data directory then holds no replication state and no password of the source.
 */
final class ServerConfig {

    /** The redo log size: after mariabackup --prepare the server creates it anew, so every clone would write it. */
    static final String REDO_LOG_SIZE = "16M";

    private final Map<String, String> settings = new LinkedHashMap<>();

    private ServerConfig() {
    }

    /** The socket of a server whose work directory is {@code workPath}. */
    static String socket(String workPath) {
        return workPath + "/run/mariadbd.sock";
    }

    /** Its pid file. */
    static String pidFile(String workPath) {
        return workPath + "/run/mariadbd.pid";
    }

    /** Its error log. */
    static String errorLog(String workPath) {
        return workPath + "/mariadbd.log";
    }

    /** Its configuration file. */
    /** The base name of a staging replica's binary log files ({@code binlog.000001} ...). */
    static final String BINLOG_NAME = "binlog";

    /** Where a staging replica that keeps a log writes it. */
    static String binlogDirectory(String workPath) {
        return workPath + "/binlog";
    }

    static String file(String workPath) {
        return workPath + "/my.cnf";
    }

    /**
     * A server id derived from a stable id (a source's or a virtual database's), in 1000..4294966295, different from
     * {@code avoid} (the source's own server id, which a replica must not share).
     */
    static long serverId(String id, long avoid) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        long serverId = 1000 + crc.getValue() % (4_294_967_295L - 2000);
        return serverId == avoid ? serverId + 1 : serverId;
    }

    /** What every server Strata runs has: its files, its port, a small redo log, no binary log of its own. */
    private static ServerConfig common(String dataPath, String workPath, int port, long serverId) {
        ServerConfig config = new ServerConfig();
        config.set("datadir", dataPath);
        config.set("port", String.valueOf(port));
        config.set("socket", socket(workPath));
        config.set("pid-file", pidFile(workPath));
        config.set("log-error", errorLog(workPath));
        config.set("server-id", String.valueOf(serverId));
        config.set("innodb_log_file_size", REDO_LOG_SIZE);
        config.set("master-info-file", workPath + "/master.info");
        config.set("relay-log", workPath + "/relay-bin");
        config.set("relay-log-index", workPath + "/relay-bin.index");
        config.set("relay-log-info-file", workPath + "/relay-log.info");
        return config;
    }

    /**
     * A staging replica: reachable over its socket only, replicating at start (its replication connection, kept in
     * the work directory, is set once by {@code CHANGE MASTER}), committing durably so that a snapshot of the running
     * server holds every transaction it applied.
     */
    static ServerConfig staging(String dataPath, String workPath, int port, long serverId) {
        return staging(dataPath, workPath, port, serverId, false);
    }

    /**
     * A staging replica that, when {@code keepLog}, writes every transaction it applies to a binary log of its own in
     * {@link #binlogDirectory} (outside the snapshotted data, durably, with the source's GTIDs and times): the log a
     * virtual database at a moment replays from its snapshot's position.
     */
    static ServerConfig staging(String dataPath, String workPath, int port, long serverId, boolean keepLog) {
        ServerConfig config = common(dataPath, workPath, port, serverId);
        if (keepLog) {
            config.keepLog(binlogDirectory(workPath));
            config.set("log-slave-updates", "1");
        }
        config.set("skip-networking", "1");
        config.set("skip-slave-start", "0");
        config.set("innodb_buffer_pool_size", "128M");
        config.set("innodb_flush_log_at_trx_commit", "1");
        config.set("relay-log-recovery", "1");
        return config;
    }

    /**
     * A virtual database: its own port on {@code bindAddress}, never replicating (no replication connection exists in
     * its work directory, and it would not start one).
     */
    static ServerConfig virtual(String dataPath, String workPath, int port, long serverId, String bindAddress,
            String bufferPoolSize, int maxConnections) {
        return virtual(dataPath, workPath, port, serverId, bindAddress, bufferPoolSize, maxConnections, null);
    }

    /**
     * A virtual database that, when {@code ownLog} is given, writes a binary log of its own changes there (outside
     * its clone, durably): the log a rewind to a moment of its life replays. InnoDB records the log's file and
     * position of every commit in its own pages, so a snapshot of the running server knows where in the log it
     * stands.
     */
    static ServerConfig virtual(String dataPath, String workPath, int port, long serverId, String bindAddress,
            String bufferPoolSize, int maxConnections, String ownLog) {
        ServerConfig config = common(dataPath, workPath, port, serverId);
        if (ownLog != null) {
            config.keepLog(ownLog);
        }
        config.set("bind-address", bindAddress);
        config.set("skip-slave-start", "1");
        config.set("innodb_buffer_pool_size", bufferPoolSize);
        config.set("max_connections", String.valueOf(maxConnections));
        return config;
    }

    /** A durable, row-based binary log in {@code directory}. */
    private void keepLog(String directory) {
        set("log-bin", directory + "/" + BINLOG_NAME);
        set("log-bin-index", directory + "/" + BINLOG_NAME + ".index");
        set("binlog-format", "ROW");
        set("sync-binlog", "1");
    }

    private void set(String name, String value) {
        if (value.contains("\n")) {
            throw new IllegalArgumentException(name + " must be one line");
        }
        settings.put(name, value);
    }

    /** A setting's value, or {@code null}. */
    String get(String name) {
        return settings.get(name);
    }

    /** The file's text: one {@code [mariadbd]} group. */
    String render(String comment) {
        StringBuilder text = new StringBuilder("# ").append(comment).append("\n[mariadbd]\n");
        settings.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
        return text.toString();
    }
}
