package io.strata.masking.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections to the working clone being masked. Masking opens one per table it rewrites in parallel, so the
 * factory must hand out a new connection on every call; the caller closes it.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /** The engine PostgreSQL's, unless the factory says otherwise. */
    String POSTGRESQL = "postgresql";

    /** The engine of MariaDB (and MySQL) databases. */
    String MARIADB = "mariadb";

    /** A new connection to the clone, in auto-commit mode. */
    Connection open() throws SQLException;

    /** The database's engine, {@link #POSTGRESQL} or {@link #MARIADB}: which SQL masking speaks to it. */
    default String engine() {
        return POSTGRESQL;
    }

    /** Whether the database is a MariaDB (or MySQL) one. */
    default boolean mariaDb() {
        return MARIADB.equals(engine());
    }

    /** A factory of connections to a MariaDB database. */
    static ConnectionFactory mariaDb(ConnectionFactory opener) {
        return new ConnectionFactory() {

            @Override
            public Connection open() throws SQLException {
                return opener.open();
            }

            @Override
            public String engine() {
                return MARIADB;
            }
        };
    }
}
