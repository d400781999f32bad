package io.strata.masking.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections to the working clone being masked. Masking opens one per table it rewrites in parallel, so the
 * factory must hand out a new connection on every call; the caller closes it.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /** A new connection to the clone, in auto-commit mode. */
    Connection open() throws SQLException;
}
