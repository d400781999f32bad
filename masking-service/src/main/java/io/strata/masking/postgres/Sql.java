package io.strata.masking.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Small SQL helpers shared by the masking classes. */
final class Sql {

    /** The column a COPY error's context names, without the value it quotes. */
    private static final Pattern COPY_COLUMN = Pattern.compile("line \\d+, column ([^:]+):");

    private Sql() {
    }

    /** An identifier quoted for SQL. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A list of identifiers quoted and joined with commas. */
    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    /** Runs statements in order on the connection. */
    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * The server's one-line error message, without the detail and context lines that may quote row values (a
     * duplicated key, the line COPY failed on): errors end up in reports and logs, values must not.
     */
    static String describe(SQLException error) {
        ServerErrorMessage server = error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            return error.getMessage();
        }
        String column = server.getWhere() == null ? null : copyColumn(server.getWhere());
        return server.getMessage() + (column == null ? "" : " (column " + column + ")");
    }

    /** A failure in one line, without row values: SQL errors as {@link #describe(SQLException)} gives them. */
    static String describe(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return describe(sql);
        }
        if (failure instanceof MaskingFailure masking) {
            return String.join(" | ", masking.problems());
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** A string literal for the statements that take no parameters ({@code COMMENT ON}). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String copyColumn(String where) {
        Matcher matcher = COPY_COLUMN.matcher(where);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Whether the error is an integrity violation (SQLSTATE class 23): a key, unique or foreign key broken. */
    static boolean isIntegrityViolation(SQLException error) {
        return error.getSQLState() != null && error.getSQLState().startsWith("23");
    }
}
