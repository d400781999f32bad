package io.strata.engine.postgresql;

import io.strata.engine.DiscoveryOperations;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedOperations;
import io.strata.engine.ParameterSchema;
import io.strata.engine.ParameterSchema.Parameter;
import io.strata.engine.VirtualOperations;

/** The PostgreSQL engine. */
public class PostgresPlugin implements EnginePlugin {

    /** The OS user PostgreSQL programs run as. */
    static final String OS_USER = "postgres";

    private static final String NAME = "[A-Za-z0-9_][A-Za-z0-9_$.-]{0,62}";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public ParameterSchema sourceParameters() {
        return ParameterSchema.of(
                Parameter.object("connection", true, "how the staging host reaches the source database",
                        Parameter.string("host", true, "the source's host name or address"),
                        Parameter.integer("port", false, "its TCP port (default 5432)", 1, 65535),
                        Parameter.string("database", true, "the database to link").matching(NAME),
                        Parameter.string("user", true, "a role with REPLICATION (or SUPERUSER)").matching(NAME),
                        Parameter.secret("password", true, "that role's password")),
                Parameter.bool("logSync", "keep the source's WAL (archived by the staging standby) so that any moment "
                        + "between the first and the latest snapshot can be provisioned; needs superuser or EXECUTE "
                        + "on pg_switch_wal() for the role"),
                Parameter.bool("checkpointOnSync", "issue CHECKPOINT on the source before a snapshot when it wrote "
                        + "more than 16 MB of WAL since the last one, so that clones start without long redo (needs "
                        + "superuser or pg_checkpoint; default true)"),
                Parameter.bool("stagingFsync", "run the staging standby with fsync on (default off: syncs after "
                        + "large changes are several times faster, each snapshot is flushed to disk anyway, and a "
                        + "staging copy that was running when its host crashed is refused until resynced)"));
    }

    @Override
    public ParameterSchema virtualParameters() {
        return ParameterSchema.of(
                Parameter.string("user", false, "the database role whose password is reset for the virtual "
                        + "database (default: the source's connection user)").matching(NAME),
                Parameter.string("listenAddresses", false, "listen_addresses of the virtual database (default "
                        + "127.0.0.1)").matching("[A-Za-z0-9.:*, -]{1,255}"),
                Parameter.string("sharedBuffers", false, "shared_buffers (default 32MB)").matching("[0-9]+(kB|MB|GB)"),
                Parameter.integer("maxConnections", false, "max_connections (default 50)", 5, 10000),
                Parameter.bool("fsync", "fsync (default true; false makes writes faster, and a crash of the host "
                        + "then loses the virtual database)"));
    }

    @Override
    public DiscoveryOperations discovery() {
        return new PostgresDiscovery();
    }

    @Override
    public LinkedOperations linked() {
        return new PostgresLinked();
    }

    @Override
    public VirtualOperations virtual() {
        return new PostgresVirtual();
    }
}
