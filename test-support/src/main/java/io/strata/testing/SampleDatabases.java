package io.strata.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sample databases for tests and demos, loaded into a database of a test's own. Chinook (a music store: customers,
 * employees, invoices, tracks; MIT licence, see {@code datasets/chinook/LICENSE.md}) has personal data to mask and
 * foreign keys to keep, including a self-reference (employee.reports_to).
 */
public final class SampleDatabases {

    private SampleDatabases() {
    }

    /** Loads Chinook into {@code database} (which must exist and be empty) of {@code cluster}. */
    public static void loadChinook(PostgresCluster cluster, String database) {
        cluster.execute(database, chinookSql());
    }

    /**
     * Chinook's SQL without its own database handling (it drops, creates and connects to a database named chinook),
     * so that it loads into any database.
     */
    public static String chinookSql() {
        String script = resource("datasets/chinook/chinook-postgresql.sql");
        int connect = script.indexOf("\\c chinook;");
        if (connect < 0) {
            throw new IllegalStateException("the Chinook script no longer connects to its database; update "
                    + "SampleDatabases");
        }
        return script.substring(connect + "\\c chinook;".length());
    }

    private static String resource(String name) {
        try (InputStream in = SampleDatabases.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
