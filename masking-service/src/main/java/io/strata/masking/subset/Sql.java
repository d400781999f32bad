package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.strata.masking.mariadb.MariaDbSchemaReader;

/** Small SQL helpers of the subset package: quoting, column lists, transactions, EXPLAIN and counts. */
final class Sql {

    private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");

    private Sql() {
    }

    /** A work unit on a connection. */
    @FunctionalInterface
    interface Work<T> {

        T run() throws SQLException;
    }

    /** A quoted identifier. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code alias."a", alias."b"}. */
    static String columns(String alias, List<String> columns) {
        List<String> qualified = new ArrayList<>();
        columns.forEach(column -> qualified.add(alias + "." + quote(column)));
        return String.join(", ", qualified);
    }

    /** {@code left = right AND ...}, pairwise. */
    static String equal(List<String> left, List<String> right) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            pairs.add(left.get(i) + " = " + right.get(i));
        }
        return String.join(" AND ", pairs);
    }

    /** {@code alias."a" IS NOT NULL AND ...}. */
    static String notNull(List<String> expressions) {
        return String.join(" AND ", expressions.stream().map(expression -> expression + " IS NOT NULL").toList());
    }

    /** Each column qualified by an alias. */
    static List<String> qualified(String alias, List<String> columns) {
        return columns.stream().map(column -> alias + "." + quote(column)).toList();
    }

    /**
     * Runs work in a transaction of its own, or in a savepoint when the caller has one open, and commits (releases)
     * or rolls back at the end. A failure always rolls back.
     */
    static <T> T inTransaction(Connection connection, boolean commit, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            savepoint = connection.setSavepoint();
        }
        boolean done = false;
        try {
            T result = work.run();
            done = commit;
            return result;
        } finally {
            finish(connection, autoCommit, savepoint, done);
        }
    }

    private static void finish(Connection connection, boolean autoCommit, Savepoint savepoint, boolean commit)
            throws SQLException {
        if (autoCommit) {
            try {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } finally {
                connection.setAutoCommit(true);
            }
        } else if (commit) {
            connection.releaseSavepoint(savepoint);
        } else {
            connection.rollback(savepoint);
        }
    }

    /** The planner's row estimate for a query (its top plan node; MariaDB's first table's). */
    static long explainRows(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN " + query)) {
            if (!plan.next()) {
                return 0;
            }
            if (mariaDb(connection)) {
                return plan.getLong("rows");
            }
            Matcher rows = PLAN_ROWS.matcher(plan.getString(1));
            return rows.find() ? Long.parseLong(rows.group(1)) : 0;
        }
    }

    /**
     * Whether the connection is to MariaDB (or MySQL). Subsetting speaks PostgreSQL's SQL with double-quoted
     * identifiers; on MariaDB the session reads them so ({@link #speakAnsi}), and the few statements that differ are
     * written for each.
     */
    static boolean mariaDb(Connection connection) throws SQLException {
        return MariaDbSchemaReader.isMariaDb(connection);
    }

    /** Sets a MariaDB session to read double-quoted names as identifiers ({@code ANSI_QUOTES}), as PostgreSQL does. */
    static void speakAnsi(Connection connection) throws SQLException {
        update(connection, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
    }

    /** The single number a query returns. */
    static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs one statement, whatever it returns. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs one statement and returns the rows it changed. */
    static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
