package io.strata.engine.postgresql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.strata.engine.EnginePod;
import io.strata.engine.LinkedSource;
import io.strata.engine.Repository;
import io.strata.engine.StagingPod;

/**
 * A PostgreSQL staging standby in a pod: the official {@code postgres} image of the source's major version, the
 * staging volume as its data directory. The init container takes the base backup into an empty volume (a volume
 * without {@code standby.signal}, the last file it writes, is emptied first: a backup cut short starts again) and
 * creates the replication slot; the engine's command is the standby itself, streaming from the source through the
 * slot, with every setting that names a path, a port or the source on its command line, so that nothing about this
 * pod lands in the snapshots. The password comes from the pod's environment (libpq reads {@code PGPASSWORD}), never
 * from a file on the volume. Access rules and the socket live in the pod-local work directory; inside the pod the
 * socket trusts local connections, and the server listens on no network address.
 */
final class PostgresStagingPod {

    private static final int PORT = PostgresPod.PORT;
    private static final String DATA = EnginePod.DATA_MOUNT;
    private static final String RUN = EnginePod.RUN_MOUNT;
    private static final String SOCKET = PostgresLinked.socketDir(RUN);

    /**
     * {@code $1} is the connection string of the source (without password), {@code $2} the slot, {@code $3} the
     * database to drop a stale slot from.
     */
    private static final String INIT = """
            set -e
            d="%s"; r="%s"
            export PGPASSWORD="$%s"
            mkdir -p "%s"
            echo 'local all all trust' > "$r/pg_hba.conf"
            : > "$r/pg_ident.conf"
            if [ ! -e "$d/standby.signal" ]; then
              find "$d" -mindepth 1 -delete
              psql -X -q -v ON_ERROR_STOP=1 "$1 dbname=$3" -c "select pg_drop_replication_slot(slot_name) \\
                from pg_replication_slots where slot_name = '$2' and not active"
              pg_basebackup -d "$1" -D "$d" -X stream -c fast -C -S "$2" -w
              [ -e "$d/postgresql.conf" ] || echo '# Created by Strata; see the pod command' > "$d/postgresql.conf"
              : > "$d/standby.signal"
            fi
            chmod 700 "$d"
            """.formatted(DATA, RUN, StagingPod.PASSWORD_VARIABLE, SOCKET);

    private PostgresStagingPod() {
    }

    /**
     * The pod of a source's standby.
     *
     * @param source the source
     * @param major the source's major version
     * @param minimums the settings a standby must have at least as high as the source, with the source's values
     */
    static StagingPod of(LinkedSource source, int major, Map<String, String> minimums) {
        PostgresLinked.Connection connection = PostgresLinked.Connection.of(source);
        String slot = PostgresLinked.slotName(source.id());
        String conninfo = "host=" + connection.host() + " port=" + connection.port() + " user=" + connection.user();
        List<String> init = List.of("sh", "-c", INIT, "init", conninfo + " application_name=strata_basebackup",
                slot, connection.database());
        List<String> command = new ArrayList<>(List.of("sh", "-c", "PGPASSWORD=\"$" + StagingPod.PASSWORD_VARIABLE
                + "\" exec postgres \"$@\"", "postgres", "-D", DATA));
        settings(source, conninfo + " application_name=" + slot, slot, minimums).forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        String port = String.valueOf(PORT);
        EnginePod engine = new EnginePod("postgres:" + major, init, command, PORT, List.of("pg_isready", "-q", "-h",
                SOCKET, "-p", port),
                List.of("psql", "-h", SOCKET, "-p", port, "-U", "postgres", "-d", "postgres",
                        "-c", "CHECKPOINT"));
        Repository repository = new Repository("postgresql", "PostgreSQL " + major + " (image postgres:" + major
                + ")", String.valueOf(major), "/usr/lib/postgresql/" + major + "/bin",
                Map.of("major", String
                        .valueOf(major)));
        return new StagingPod(engine, repository);
    }

    private static Map<String, String> settings(LinkedSource source, String conninfo, String slot,
            Map<String, String> minimums) {
        Map<String, String> settings = PostgresPod.podSettings("", SOCKET);
        settings.put("primary_conninfo", conninfo);
        settings.put("primary_slot_name", slot);
        settings.put("hot_standby", "on");
        settings.put("fsync", "on");
        settings.put("shared_buffers", "128MB");
        settings.put("cluster_name", "strata-staging-" + source.id());
        settings.putAll(minimums);
        return settings;
    }
}
