package io.strata.masking.mariadb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/** MariaDB's quoting of identifiers and the few statements masking runs as they are. */
final class MariaDbSql {

    private MariaDbSql() {
    }

    /** An identifier in backquotes. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** Identifiers in backquotes, separated by commas. */
    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(MariaDbSql::quote).collect(Collectors.joining(", "));
    }

    /** A string literal (the session's sql_mode may or may not treat a backslash as an escape: both are doubled). */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Runs statements in order on one statement object. */
    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
