package io.strata.engine.mariadb;

import io.strata.engine.DiscoveryOperations;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedOperations;
import io.strata.engine.ParameterSchema;
import io.strata.engine.ParameterSchema.Parameter;
import io.strata.engine.VirtualOperations;

/** The MariaDB engine: a staging replica loaded by mariabackup and fed by GTID replication, clones run by mariadbd. */
public class MariaDbPlugin implements EnginePlugin {

    /** The engine's name in the API and in snapshot metadata. */
    public static final String NAME = "mariadb";

    /** The OS user MariaDB servers run as, and owner of their files. */
    static final String OS_USER = "mysql";

    /** The default TCP port of a MariaDB server. */
    static final int DEFAULT_PORT = 3306;

    private static final String IDENTIFIER = "[A-Za-z0-9_$][A-Za-z0-9_$-]{0,63}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParameterSchema sourceParameters() {
        return ParameterSchema.of(Parameter.object("connection", true, "how the staging host reaches the source server",
                Parameter.string("host", true, "the source's host name or address"),
                Parameter.integer("port", false, "its TCP port (default 3306)", 1, 65535),
                Parameter.string("database", true, "the database a virtual database serves").matching(IDENTIFIER),
                Parameter.string("user", true, "a user with RELOAD, PROCESS, REPLICATION CLIENT (BINLOG "
                        + "MONITOR) and REPLICATION SLAVE on *.*, and access to the database").matching(IDENTIFIER),
                Parameter.secret("password", true, "that user's password")),
                Parameter.bool("logSync", "keep the staging replica's binary log (every transaction it applies, in "
                        + "its work directory) so that any moment between the first snapshot and the newest can be "
                        + "provisioned, to the second"));
    }

    @Override
    public ParameterSchema virtualParameters() {
        return ParameterSchema.of(
                Parameter.string("user", false, "the database user whose password is set for the virtual database "
                        + "(default: the source's connection user; created when missing)").matching(IDENTIFIER),
                Parameter.string("bindAddress", false, "bind-address of the virtual database (default 127.0.0.1)")
                        .matching("[A-Za-z0-9.:*-]{1,255}"),
                Parameter.string("bufferPoolSize", false, "innodb_buffer_pool_size (default 64M)").matching(
                        "[0-9]+[KMG]"),
                Parameter.integer("maxConnections", false, "max_connections (default 50)", 5, 10000));
    }

    @Override
    public DiscoveryOperations discovery() {
        return new MariaDbDiscovery();
    }

    @Override
    public LinkedOperations linked() {
        return new MariaDbLinked();
    }

    @Override
    public VirtualOperations virtual() {
        return new MariaDbVirtual();
    }
}
