package io.strata.engine.postgresql;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.strata.engine.EnginePod;
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
    private static final String PG_HBA = """
            local all all peer
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            host all all 0.0.0.0/0 scram-sha-256
            host all all ::/0 scram-sha-256
            """;

    /**
     * Whether a server runs on $1: its postmaster.pid names this very data directory and its process lives. A clone
     * carries the lock file of the server it was taken from, naming that server's data directory and pid; that server
     * is not this one, and must never be signalled as if it were.
     */
    private static final String OWN_SERVER = """
            f="$1/postmaster.pid"
            [ -f "$f" ] && [ "$(sed -n 2p "$f")" = "$1" ] && kill -0 "$(sed -n 1p "$f")" 2> /dev/null
            """;

    /**
     * $1 data directory, $2 work directory, $3 pg_hba.conf, $4 settings to append, $5 {@code recover} or empty, $6 the
     * directory of its own WAL or empty, $7 bin directory. A server that an interrupted earlier attempt started on
     * this clone is stopped first: removing its lock file would leave it running unseen, holding its shared memory.
     */
    private static final String CONFIGURE = OWN_SERVER + """
            if [ $? -eq 0 ]; then "$7/pg_ctl" -D "$1" -m fast -w -t 120 stop > /dev/null; fi
            set -e
            chmod 700 "$1"
            rm -f "$1/postmaster.pid" "$1/standby.signal" "$1/recovery.signal" "$1/postmaster.opts"
            umask 077
            [ -e "$1/postgresql.conf" ] || echo '# Created by Strata; see postgresql.auto.conf' > "$1/postgresql.conf"
            printf '%s' "$3" > "$2/pg_hba.conf"
            : > "$2/pg_ident.conf"
            printf '%s' "$4" >> "$1/postgresql.auto.conf"
            if [ "$5" = recover ]; then : > "$1/recovery.signal"; fi
            if [ -n "$6" ]; then mkdir -p "$6"; fi
            """;

    /**
     * $1 bin directory, $2 data directory, $3 log file, $4 seconds to wait. Starts the server unless it runs, then
     * waits until its postmaster.pid says it accepts connections, looking every 10 ms at first ({@code pg_ctl -w}
     * looks every 100 ms, a sixth of a virtual database's whole start). Exits 3 when the server died, 4 on timeout.
     */
    private static final String START = """
            stale=
            f="$2/postmaster.pid"
            if ! { [ -f "$f" ] && [ "$(sed -n 2p "$f")" = "$2" ] && kill -0 "$(sed -n 1p "$f")" 2> /dev/null; }; then
              # A server that died leaves its postmaster.pid, still saying "ready", until the new one replaces it.
              [ -f "$2/postmaster.pid" ] && stale=$(sed -n 1p "$2/postmaster.pid")
              "$1/pg_ctl" -D "$2" -l "$3" -W start > /dev/null || exit 2
            fi
            begin=$(date +%s)
            i=0
            while [ $(($(date +%s) - begin)) -lt "$4" ]; do
              if [ -f "$2/postmaster.pid" ] && [ "$(sed -n 1p "$2/postmaster.pid")" != "$stale" ]; then
                case "$(sed -n 8p "$2/postmaster.pid")" in ready*) exit 0 ;; esac
                kill -0 "$(sed -n 1p "$2/postmaster.pid")" 2> /dev/null || exit 3
              elif [ "$i" -gt 500 ]; then
                exit 3
              fi
              i=$((i + 1))
              if [ "$i" -lt 1000 ]; then sleep 0.01; else sleep 0.5; fi
            done
            exit 4
            """;

    private static final DateTimeFormatter RECOVERY_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

    @Override
    public void configure(VirtualDatabase vdb) {
        HostConnection host = vdb.host();
        String data = vdb.dataPath();
        String work = vdb.workPath();
        if ("root".equals(host.user())) {
            HostFiles.run(host, null, "prepare " + work, "sh", "-c", "mkdir -p \"$1\" && chown -R " + OS_USER + ":"
                    + OS_USER + " \"$2\" && chown " + OS_USER + ":" + OS_USER + " \"$3\"", "sh",
                    PostgresLinked
                            .socketDir(work),
                    work, data);
        } else {
            HostFiles.run(host, null, "prepare " + work, "mkdir", "-p", PostgresLinked.socketDir(work));
        }
        StringBuilder conf = new StringBuilder("\n# Strata virtual database ").append(vdb.name()).append("\n");
        PostgresLinked.setting(conf, "port", String.valueOf(vdb.port()));
        PostgresLinked.setting(conf, "listen_addresses", string(vdb, "listenAddresses", "127.0.0.1"));
        PostgresLinked.setting(conf, "unix_socket_directories", PostgresLinked.socketDir(work));
        PostgresLinked.setting(conf, "hba_file", work + "/pg_hba.conf");
        PostgresLinked.setting(conf, "ident_file", work + "/pg_ident.conf");
        PostgresLinked.setting(conf, "primary_conninfo", "");
        PostgresLinked.setting(conf, "primary_slot_name", "");
        if (vdb.ownLog() != null) {
            // Its own WAL, kept outside the clone, makes any moment since this clone started a rewind target.
            PostgresLinked.setting(conf, "archive_mode", "on");
            PostgresLinked.setting(conf, "archive_command", "test ! -f '" + vdb.ownLog() + "/%f' && cp '%p' '" + vdb
                    .ownLog() + "/%f'");
            PostgresLinked.setting(conf, "archive_timeout", "0");
        } else {
            PostgresLinked.setting(conf, "archive_mode", "off");
        }
        // Not a hot standby: recovery to a point in time then needs no settings as high as the primary's, and the
        // database opens only once it is consistent and promoted.
        PostgresLinked.setting(conf, "hot_standby", "off");
        PostgresLinked.setting(conf, "logging_collector", "off");
        PostgresLinked.setting(conf, "shared_buffers", string(vdb, "sharedBuffers", "32MB"));
        PostgresLinked.setting(conf, "max_connections", String.valueOf(vdb.parameters().getOrDefault(
                "maxConnections", 50)));
        // Its own choice, not the staging standby's (which runs without fsync): a virtual database is someone's
        // database, kept across a crash of its host unless they asked for speed instead.
        PostgresLinked.setting(conf, "fsync", Boolean.FALSE.equals(vdb.parameters().get("fsync")) ? "off" : "on");
        PostgresLinked.setting(conf, "password_encryption", "scram-sha-256");
        PostgresLinked.setting(conf, "cluster_name", "strata-vdb-" + vdb.name());
        if (vdb.recoveryTime() != null) {
            if (vdb.logArchive() == null) {
                throw new UserError("Point in time needs the source's kept WAL, and none is available here.",
                        "Link the source with logSync: true.");
            }
            // The newest WAL of a rewound virtual database may still be in the replaced clone only.
            PostgresLinked.setting(conf, "restore_command", "cp \"" + vdb.logArchive() + "/%f\" \"%p\""
                    + (vdb.previousDataPath() == null
                            ? ""
                            : " 2>/dev/null || cp \"" + vdb.previousDataPath() + "/pg_wal/%f\" \"%p\""));
            PostgresLinked.setting(conf, "recovery_target_time", RECOVERY_TIME.format(vdb.recoveryTime()));
            PostgresLinked.setting(conf, "recovery_target_inclusive", "on");
            PostgresLinked.setting(conf, "recovery_target_action", "promote");
        } else {
            PostgresLinked.setting(conf, "restore_command", "");
            PostgresLinked.setting(conf, "recovery_target_time", "");
        }
        // One command for the rest: every command is a round trip (over SSH a slow one). What made the snapshot a
        // standby, and the lock of the server it was taken from, go; the access files live outside the clone.
        HostFiles.run(host, OS_USER, "configure " + data, "sh", "-c", CONFIGURE, "sh", data, work, PG_HBA, conf
                .toString(), vdb.recoveryTime() != null ? "recover" : "", vdb.ownLog() == null ? "" : vdb.ownLog(),
                vdb
                        .repository().binDir());
    }

    @Override
    public void start(VirtualDatabase vdb) {
        HostConnection host = vdb.host();
        HostConnection.Result result = host.run(host.as(OS_USER, List.of("sh", "-c", START, "sh", vdb.repository()
                .binDir(), vdb.dataPath(), vdb.workPath() + "/postgres.log",
                String.valueOf(START_TIMEOUT
                        .toSeconds()))),
                Map.of(), null, START_TIMEOUT.plusMinutes(1));
        if (result.exitCode() == 4) {
            throw new UserError("The virtual database " + vdb.name() + " is still starting after "
                    + START_TIMEOUT.toMinutes() + " minutes.", "See its log: " + vdb.workPath() + "/postgres.log.",
                    logTail(vdb, 20));
        }
        if (result.exitCode() != 0) {
            throw new UserError("The virtual database " + vdb.name() + " did not start.", "See its log: "
                    + vdb.workPath() + "/postgres.log.", result.stdout() + result.stderr() + logTail(vdb, 20));
        }
        // Not a hot standby (see configure): "ready" means recovered, promoted and accepting connections.
        String user = vdb.parameters().get("user") instanceof String name ? name : null;
        String password = vdb.secrets().get("password");
        if (user != null && password != null) {
            Psql.socket(host, vdb.repository().binDir(), PostgresLinked.socketDir(vdb.workPath()), vdb.port(),
                    "postgres").execute(
                            "ALTER ROLE \"" + user.replace("\"", "\"\"") + "\" WITH LOGIN PASSWORD '"
                                    + password.replace("'", "''") + "';");
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
        // Asked of a running engine only. No quiet skip: a commit made with synchronous_commit=off may still be in
        // the WAL buffers, and only the checkpoint puts it in the files the snapshot keeps; if the engine cannot be
        // reached the snapshot fails and says why.
        Psql.socket(vdb.host(), vdb.repository().binDir(), PostgresLinked.socketDir(vdb.workPath()), vdb.port(),
                "postgres").execute("CHECKPOINT;");
    }

    @Override
    public void endLog(VirtualDatabase vdb) {
        if (vdb.ownLog() != null && running(vdb)) {
            // A commit later than any time asked for ends the recovery there; the switch hands the segment over.
            Psql.socket(vdb.host(), vdb.repository().binDir(), PostgresLinked.socketDir(vdb.workPath()), vdb.port(),
                    "postgres").execute("SELECT txid_current(); SELECT pg_switch_wal();");
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
        return vdb.host().run(vdb.host().as(OS_USER, List.of("sh", "-c", OWN_SERVER, "sh", vdb.dataPath())), Map
                .of(), null, Duration.ofSeconds(30)).exitCode() == 0;
    }

    private static String logTail(VirtualDatabase vdb, int lines) {
        HostConnection.Result tail = vdb.host().run(List.of("tail", "-n", String.valueOf(lines), vdb.workPath()
                + "/postgres.log"), Map.of(), null, Duration.ofSeconds(10));
        return tail.exitCode() == 0 ? "\n" + tail.stdout() : "";
    }

    @Override
    public EnginePod pod(String name, Map<String, Object> parameters, Map<String, String> metadata) {
        return PostgresPod.of(name, parameters, metadata);
    }

    private static String string(VirtualDatabase vdb, String name, String fallback) {
        Object value = vdb.parameters().get(name);
        return value instanceof String text && !text.isBlank() ? text : fallback;
    }
}
