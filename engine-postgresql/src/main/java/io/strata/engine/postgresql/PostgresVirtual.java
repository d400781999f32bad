package io.strata.engine.postgresql;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;
import io.strata.engine.VirtualOperations;
import io.strata.engine.VirtualStatus;

/**
 * A virtual PostgreSQL database on a clone of a staging snapshot: the standby and recovery state are removed (or a
 * point-in-time recovery target is set), it gets its own port, socket directory, pg_hba.conf and log outside the
 * clone, it starts as a primary after the short crash recovery a restartpoint-consistent snapshot needs, and its
 * database user gets the virtual database's own password.
 */
class PostgresVirtual implements VirtualOperations {

    private static final String OS_USER = PostgresPlugin.OS_USER;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(30);
    private static final DateTimeFormatter RECOVERY_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

    @Override
    public void configure(VirtualDatabase vdb) {
        HostConnection host = vdb.host();
        String data = vdb.dataPath();
        String work = vdb.workPath();
        HostFiles.run(host, null, "prepare " + work, "mkdir", "-p", PostgresLinked.socketDir(work));
        if ("root".equals(host.user())) {
            HostFiles.run(host, null, "give " + work + " to postgres", "chown", "-R", OS_USER + ":" + OS_USER, work);
            HostFiles.run(host, null, "give " + data + " to postgres", "chown", OS_USER + ":" + OS_USER, data);
        }
        HostFiles.run(host, OS_USER, "protect " + data, "chmod", "700", data);
        // What made the snapshot a standby, and the lock of the server it was taken from, must go.
        HostFiles.run(host, OS_USER, "clear standby state in " + data, "rm", "-f", data + "/postmaster.pid", data
                + "/standby.signal", data + "/recovery.signal", data + "/postmaster.opts");
        if (!HostFiles.exists(host, data + "/postgresql.conf")) {
            HostFiles.write(host, OS_USER, data + "/postgresql.conf",
                    "# Created by Strata; see postgresql.auto.conf\n");
        }
        HostFiles.write(host, OS_USER, work + "/pg_hba.conf", """
                local all all peer
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                host all all 0.0.0.0/0 scram-sha-256
                host all all ::/0 scram-sha-256
                """);
        HostFiles.write(host, OS_USER, work + "/pg_ident.conf", "");
        StringBuilder conf = new StringBuilder("\n# Strata virtual database ").append(vdb.name()).append("\n");
        PostgresLinked.setting(conf, "port", String.valueOf(vdb.port()));
        PostgresLinked.setting(conf, "listen_addresses", string(vdb, "listenAddresses", "127.0.0.1"));
        PostgresLinked.setting(conf, "unix_socket_directories", PostgresLinked.socketDir(work));
        PostgresLinked.setting(conf, "hba_file", work + "/pg_hba.conf");
        PostgresLinked.setting(conf, "ident_file", work + "/pg_ident.conf");
        PostgresLinked.setting(conf, "primary_conninfo", "");
        PostgresLinked.setting(conf, "primary_slot_name", "");
        PostgresLinked.setting(conf, "archive_mode", "off");
        // Not a hot standby: recovery to a point in time then needs no settings as high as the primary's, and the
        // database opens only once it is consistent and promoted.
        PostgresLinked.setting(conf, "hot_standby", "off");
        PostgresLinked.setting(conf, "logging_collector", "off");
        PostgresLinked.setting(conf, "shared_buffers", string(vdb, "sharedBuffers", "32MB"));
        PostgresLinked.setting(conf, "max_connections", String.valueOf(vdb.parameters().getOrDefault(
                "maxConnections", 50)));
        PostgresLinked.setting(conf, "password_encryption", "scram-sha-256");
        PostgresLinked.setting(conf, "cluster_name", "strata-vdb-" + vdb.name());
        if (vdb.recoveryTime() != null) {
            if (vdb.logArchive() == null) {
                throw new UserError("Point in time needs the source's kept WAL, and none is available here.",
                        "Link the source with logSync: true.");
            }
            PostgresLinked.setting(conf, "restore_command", "cp \"" + vdb.logArchive() + "/%f\" \"%p\"");
            PostgresLinked.setting(conf, "recovery_target_time", RECOVERY_TIME.format(vdb.recoveryTime()));
            PostgresLinked.setting(conf, "recovery_target_inclusive", "on");
            PostgresLinked.setting(conf, "recovery_target_action", "promote");
            HostFiles.write(host, OS_USER, data + "/recovery.signal", "");
        } else {
            PostgresLinked.setting(conf, "restore_command", "");
            PostgresLinked.setting(conf, "recovery_target_time", "");
        }
        HostFiles.append(host, OS_USER, data + "/postgresql.auto.conf", conf.toString());
    }

    @Override
    public void start(VirtualDatabase vdb) {
        HostConnection host = vdb.host();
        if (!running(vdb)) {
            HostConnection.Result result = host.run(host.as(OS_USER, List.of(vdb.repository().binDir() + "/pg_ctl",
                    "-D", vdb.dataPath(), "-l", vdb.workPath() + "/postgres.log", "-w", "-t", String.valueOf(
                            START_TIMEOUT.toSeconds()),
                    "start")), Map.of(), null, START_TIMEOUT.plusMinutes(1));
            if (result.exitCode() != 0) {
                throw new UserError("The virtual database " + vdb.name() + " did not start.", "See its log: "
                        + vdb.workPath() + "/postgres.log.", result.stdout() + result.stderr() + logTail(vdb, 20));
            }
        }
        Psql psql = Psql.socket(host, vdb.repository().binDir(), PostgresLinked.socketDir(vdb.workPath()), vdb
                .port(), "postgres");
        // A point-in-time recovery accepts read-only connections before it promotes.
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (recovering(psql)) {
            if (Instant.now().isAfter(deadline)) {
                throw new UserError("The virtual database " + vdb.name() + " is still recovering after "
                        + START_TIMEOUT.toMinutes() + " minutes.",
                        "See its log: " + vdb.workPath()
                                + "/postgres.log.",
                        logTail(vdb, 20));
            }
            PostgresLinked.sleep(50);
        }
        String user = vdb.parameters().get("user") instanceof String name ? name : null;
        String password = vdb.secrets().get("password");
        if (user != null && password != null) {
            psql.execute("ALTER ROLE \"" + user.replace("\"", "\"\"") + "\" WITH LOGIN PASSWORD '" + password.replace(
                    "'", "''") + "';");
        }
    }

    /** Whether the server is still in recovery (it refuses connections until then when it is not a hot standby). */
    private static boolean recovering(Psql psql) {
        try {
            return "t".equals(psql.value("select pg_is_in_recovery()"));
        } catch (UserError e) {
            String output = String.valueOf(e.output());
            if (output.contains("not accepting connections") || output.contains("starting up") || output.contains(
                    "not yet accepting connections")) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void stop(VirtualDatabase vdb) {
        if (running(vdb)) {
            vdb.host().runChecked(vdb.host().as(OS_USER, List.of(vdb.repository().binDir() + "/pg_ctl", "-D", vdb
                    .dataPath(), "-m", "fast", "-w", "-t", "120", "stop")), Duration.ofMinutes(3),
                    "The virtual database " + vdb.name() + " did not stop.", "See " + vdb.workPath()
                            + "/postgres.log.");
        }
    }

    @Override
    public void preSnapshot(VirtualDatabase vdb) {
        if (running(vdb)) {
            Psql.socket(vdb.host(), vdb.repository().binDir(), PostgresLinked.socketDir(vdb.workPath()), vdb.port(),
                    "postgres").execute("CHECKPOINT;");
        }
    }

    @Override
    public VirtualStatus status(VirtualDatabase vdb) {
        if (running(vdb)) {
            return new VirtualStatus(true, "running");
        }
        return new VirtualStatus(false, "not running; the end of its log: " + logTail(vdb, 5).strip());
    }

    @Override
    public void unconfigure(VirtualDatabase vdb) {
        vdb.host().run(List.of("rm", "-rf", vdb.workPath()), Map.of(), null, Duration.ofMinutes(1));
    }

    private static boolean running(VirtualDatabase vdb) {
        return vdb.host().run(vdb.host().as(OS_USER, List.of(vdb.repository().binDir() + "/pg_ctl", "-D", vdb
                .dataPath(), "status")), Map.of(), null, Duration.ofSeconds(30)).exitCode() == 0;
    }

    private static String logTail(VirtualDatabase vdb, int lines) {
        HostConnection.Result tail = vdb.host().run(List.of("tail", "-n", String.valueOf(lines), vdb.workPath()
                + "/postgres.log"), Map.of(), null, Duration.ofSeconds(10));
        return tail.exitCode() == 0 ? "\n" + tail.stdout() : "";
    }

    private static String string(VirtualDatabase vdb, String name, String fallback) {
        Object value = vdb.parameters().get(name);
        return value instanceof String text && !text.isBlank() ? text : fallback;
    }
}
