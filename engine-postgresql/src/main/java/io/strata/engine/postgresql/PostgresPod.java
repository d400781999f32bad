package io.strata.engine.postgresql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.strata.engine.EnginePod;
import io.strata.engine.SnapshotMetadata;

/**
 * A virtual PostgreSQL database in a pod: the official {@code postgres} image of the snapshot's major version, the
 * clone as its data directory. The init container does what configuring does on a host — the standby and recovery
 * state and the lock of the server the snapshot was taken from go, access rules are written outside the clone — and
 * gives the database user its password with the server in single-user mode (which first runs the short crash recovery
 * the snapshot needs). The server's own settings are given on its command line: they override whatever the source's
 * configuration files in the clone say about ports, paths, replication and archiving, which name the source's host.
 */
final class PostgresPod {

    static final int PORT = 5432;
    private static final String DATA = EnginePod.DATA_MOUNT;
    private static final String RUN = EnginePod.RUN_MOUNT;

    /**
     * Makes the clone a primary of its own and sets the password; {@code "$@"} are the server's settings as
     * {@code -c name=value}. Inside the pod, the socket trusts local connections: whoever can exec into the pod reads
     * the clone anyway; over the network every user gives a password.
     */
    private static final String INIT = """
            set -e
            d="%s"; r="%s"
            rm -f "$d/postmaster.pid" "$d/standby.signal" "$d/recovery.signal" "$d/postmaster.opts"
            chmod 700 "$d"
            [ -e "$d/postgresql.conf" ] || echo '# Created by Strata; see the pod command' > "$d/postgresql.conf"
            printf '%%s\\n' 'local all all trust' 'host all all 0.0.0.0/0 scram-sha-256' \\
              'host all all ::/0 scram-sha-256' > "$r/pg_hba.conf"
            : > "$r/pg_ident.conf"
            if [ -n "$STRATA_USER" ]; then
              u=$(printf '%%s' "$STRATA_USER" | sed 's/"/""/g')
              p=$(printf '%%s' "$STRATA_PASSWORD" | sed "s/'/''/g")
              printf 'ALTER ROLE "%%s" WITH LOGIN PASSWORD '"'"'%%s'"'"';\\n' "$u" "$p" \\
                | postgres --single -D "$d" "$@" postgres > /dev/null
            fi
            """.formatted(DATA, RUN);

    private PostgresPod() {
    }

    static EnginePod of(String name, Map<String, Object> parameters, Map<String, String> metadata) {
        List<String> settings = new ArrayList<>();
        settings(name, parameters).forEach((setting, value) -> {
            settings.add("-c");
            settings.add(setting + "=" + value);
        });
        List<String> init = new ArrayList<>(List.of("sh", "-c", INIT, "init"));
        init.addAll(settings);
        List<String> command = new ArrayList<>(List.of("postgres", "-D", DATA));
        command.addAll(settings);
        return new EnginePod(image(metadata), init, command, PORT, List.of("pg_isready", "-q", "-h", RUN, "-p",
                String.valueOf(PORT)),
                List.of("psql", "-h", RUN, "-p", String.valueOf(PORT), "-U", "postgres", "-d",
                        "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CHECKPOINT"));
    }

    /** The official image of the snapshot's major version; the newest one when the snapshot does not say. */
    static String image(Map<String, String> metadata) {
        String version = SnapshotMetadata.SERVER_VERSION.in(metadata);
        String major = version == null ? null : version.split("[.\\s]")[0];
        return major == null || major.isBlank() ? "postgres" : "postgres:" + major;
    }

    /**
     * The settings every PostgreSQL pod of Strata has on its command line: the port, what listens, and the paths of
     * the pod rather than of the server whose files are on the volume; no archiving, no TLS, logs on stderr.
     */
    static Map<String, String> podSettings(String listen, String socketDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", String.valueOf(PORT));
        settings.put("listen_addresses", listen);
        settings.put("unix_socket_directories", socketDir);
        settings.put("hba_file", RUN + "/pg_hba.conf");
        settings.put("ident_file", RUN + "/pg_ident.conf");
        settings.put("external_pid_file", "");
        settings.put("restore_command", "");
        settings.put("archive_mode", "off");
        settings.put("ssl", "off");
        settings.put("logging_collector", "off");
        settings.put("log_destination", "stderr");
        return settings;
    }

    private static Map<String, String> settings(String name, Map<String, Object> parameters) {
        Map<String, String> settings = podSettings("*", RUN);
        settings.put("primary_conninfo", "");
        settings.put("primary_slot_name", "");
        settings.put("recovery_target_time", "");
        settings.put("hot_standby", "off");
        settings.put("shared_buffers", text(parameters, "sharedBuffers", "32MB"));
        settings.put("max_connections", String.valueOf(parameters.getOrDefault("maxConnections", 50)));
        settings.put("password_encryption", "scram-sha-256");
        settings.put("cluster_name", "strata-vdb-" + name);
        return settings;
    }

    private static String text(Map<String, Object> parameters, String name, String fallback) {
        Object value = parameters.get(name);
        return value instanceof String text && !text.isBlank() ? text : fallback;
    }
}
