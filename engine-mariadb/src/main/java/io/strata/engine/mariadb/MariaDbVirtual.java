package io.strata.engine.mariadb;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;
import io.strata.engine.VirtualOperations;
import io.strata.engine.VirtualStatus;

/**
 * A virtual MariaDB database on a clone of a staging snapshot: its own {@code my.cnf}, socket, pid file and error
 * log in its work directory (outside the clone), its own port and server id, no replication (the replica's
 * connection stayed in the staging work directory, and it would not start one), a small redo log; it starts after
 * InnoDB's crash recovery of the snapshot, and its database user gets the virtual database's own password.
 */
class MariaDbVirtual implements VirtualOperations {

    private static final String OS_USER = MariaDbPlugin.OS_USER;

    /**
     * Refuses a recovery to a moment of a source that keeps no binary log before touching anything (the clone could
     * only start at its snapshot, which is not the moment asked for); writes the {@code my.cnf}, with a binary log of
     * the virtual database's own in its life's log directory.
     */
    @Override
    public void configure(VirtualDatabase vdb) {
        if (vdb.recoveryTime() != null && vdb.logArchive() == null) {
            throw new UserError("The MariaDB virtual database " + vdb.name() + " cannot be recovered to "
                    + vdb.recoveryTime() + ": its source keeps no binary log (it was linked without logSync), only "
                    + "snapshots.",
                    "Provision a snapshot or a bookmark instead, or link the source with logSync to "
                            + "provision its moments.");
        }
        HostConnection host = vdb.host();
        String work = vdb.workPath();
        String data = vdb.dataPath();
        ServerProcess.prepareDirectories(host, work, data);
        // A server that an interrupted earlier attempt started on this clone goes first.
        ServerProcess.stop(host, work, "The virtual database " + vdb.name());
        ServerProcess.run(host, OS_USER, "remove the replication state from " + data, "sh", "-c", "rm -f "
                + "\"$1\"/master.info \"$1\"/relay-log.info \"$1\"/multi-master.info \"$1\"/relay-bin.*", "sh",
                data);
        if (vdb.ownLog() != null) {
            ServerProcess.run(host, OS_USER, "create the binary log directory " + vdb.ownLog(), "mkdir", "-p", vdb
                    .ownLog());
        }
        ServerProcess.write(host, OS_USER, ServerConfig.file(work), config(vdb).render("Strata virtual database "
                + vdb.name()));
    }

    /** The virtual database's my.cnf. */
    static ServerConfig config(VirtualDatabase vdb) {
        Object maxConnections = vdb.parameters().get("maxConnections");
        return ServerConfig.virtual(vdb.dataPath(), vdb.workPath(), vdb.port(), ServerConfig.serverId(vdb.id(), 0),
                string(vdb, "bindAddress", "127.0.0.1"), string(vdb, "bufferPoolSize", "64M"),
                maxConnections instanceof Number number ? number.intValue() : 50, vdb.ownLog());
    }

    @Override
    public void start(VirtualDatabase vdb) {
        long logBefore = LogPosition.errorLogSize(vdb.host(), vdb.workPath());
        ServerProcess.start(vdb.host(), vdb.repository(), vdb.workPath(), "The virtual database " + vdb.name());
        if (vdb.recoveryTime() != null) {
            LogPosition.replay(vdb, ServerProcess.clientDir(vdb.repository()), ServerConfig.socket(vdb.workPath()),
                    logBefore);
        }
        String user = string(vdb, "user", null);
        String password = vdb.secrets().get("password");
        if (user != null && password != null) {
            setPassword(vdb, user, password);
        }
    }

    /**
     * Gives every account of {@code user} (any host part) the password, creating {@code 'user'@'%'} when it has none,
     * and grants them the virtual database's database, or every privilege on every database when the parameter
     * {@code superuser} is true (a working copy another service rewrites: masking resets the other users).
     */
    private static void setPassword(VirtualDatabase vdb, String user, String password) {
        MariaDbClient root = root(vdb);
        List<String> hosts = root.rows("SELECT Host FROM mysql.user WHERE User = " + MariaDbLinked.literal(user))
                .stream().map(row -> row.get(0)).toList();
        StringBuilder sql = new StringBuilder();
        if (hosts.isEmpty()) {
            sql.append("CREATE USER ").append(account(user, "%")).append(" IDENTIFIED BY ").append(MariaDbLinked
                    .literal(password)).append(";\n");
            hosts = List.of("%");
        }
        String database = string(vdb, "database", null);
        boolean superuser = Boolean.TRUE.equals(vdb.parameters().get("superuser"));
        for (String host : hosts) {
            sql.append("ALTER USER ").append(account(user, host)).append(" IDENTIFIED BY ").append(MariaDbLinked
                    .literal(password)).append(";\n");
            if (superuser) {
                sql.append("GRANT ALL PRIVILEGES ON *.* TO ").append(account(user, host)).append(
                        " WITH GRANT OPTION;\n");
            } else if (database != null) {
                sql.append("GRANT ALL PRIVILEGES ON `").append(database.replace("`", "``")).append("`.* TO ").append(
                        account(user, host)).append(";\n");
            }
        }
        root.execute(sql.toString());
    }

    private static String account(String user, String host) {
        return MariaDbLinked.literal(user) + "@" + MariaDbLinked.literal(host);
    }

    private static MariaDbClient root(VirtualDatabase vdb) {
        return MariaDbClient.socket(vdb.host(), ServerProcess.clientDir(vdb.repository()), ServerConfig.socket(vdb
                .workPath()));
    }

    @Override
    public void stop(VirtualDatabase vdb) {
        ServerProcess.stop(vdb.host(), vdb.workPath(), "The virtual database " + vdb.name());
    }

    /**
     * Commits are durable in InnoDB's redo log at commit (innodb_flush_log_at_trx_commit = 1); FLUSH TABLES writes
     * out the other engines' tables (Aria, MyISAM), and the redo log is flushed once more for commits made with a
     * relaxed setting. Fails when the server cannot be reached, rather than letting a snapshot miss commits.
     */
    @Override
    public void preSnapshot(VirtualDatabase vdb) {
        root(vdb).execute("FLUSH TABLES; FLUSH ENGINE LOGS;");
        HostConnection.Result result = vdb.host().run(List.of("sync", "-f", vdb.dataPath()), Map.of(), null,
                Duration.ofMinutes(5));
        if (result.exitCode() != 0) {
            throw new UserError("Could not flush the clone of " + vdb.name() + " to disk.", "Check the target's "
                    + "storage.", result.stderr());
        }
    }

    @Override
    public VirtualStatus status(VirtualDatabase vdb) {
        if (ServerProcess.running(vdb.host(), vdb.workPath())) {
            return new VirtualStatus(true, "running");
        }
        return new VirtualStatus(false, "not running; the end of its log: " + ServerProcess.logTail(vdb.host(), vdb
                .workPath(), 5).strip());
    }

    @Override
    public void unconfigure(VirtualDatabase vdb) {
        vdb.host().run(List.of("rm", "-rf", vdb.workPath()), Map.of(), null, Duration.ofMinutes(1));
    }

    private static String string(VirtualDatabase vdb, String name, String fallback) {
        Object value = vdb.parameters().get(name);
        return value instanceof String text && !text.isBlank() ? text : fallback;
    }
}
