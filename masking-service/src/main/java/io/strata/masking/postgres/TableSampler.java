package io.strata.masking.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a sample of some columns of a table, each value in its text form and cut to {@value #LONGEST_VALUE}
 * characters (enough to tell what a value is; a megabyte of JSON is not read whole).
 *
 * <p>
 * A table the planner estimates at no more than {@value #PAGES_ABOVE} times the sample (or has never estimated) is read
 * with {@code LIMIT}: its first rows in storage order, a tenth of the table or more. A bigger one is read with
 * {@code TABLESAMPLE SYSTEM}: whole pages chosen at random, about twice the sample's worth so that {@code LIMIT} still
 * fills it, {@code REPEATABLE} so that profiling an unchanged table twice reads the same rows; if the pages drawn hold
 * less than half the sample (a small sample of a table of few pages), its first rows are read instead. Pages hold
 * rows written together, so such a sample is less even than a row-by-row one, and much cheaper.
 */
public final class TableSampler {

    /** The most characters of a value read. */
    public static final int LONGEST_VALUE = 4096;
    /** Tables estimated at more than this many times the sample are sampled by pages. */
    static final int PAGES_ABOVE = 10;

    private TableSampler() {
    }

    /**
     * Up to {@code rows} rows of the columns: each column's values by its name, one per row read, {@code null} for
     * SQL NULL. Runs in the caller's transaction.
     */
    public static Map<String, List<String>> sample(Connection connection, TableSchema table, List<String> columns,
            int rows) throws SQLException {
        return sample(connection, table, columns, rows, false);
    }

    /**
     * As {@link #sample(Connection, TableSchema, List, int)}, on a MariaDB database when {@code mariaDb}: its first
     * rows in storage order (MariaDB has no sampling by pages).
     */
    public static Map<String, List<String>> sample(Connection connection, TableSchema table, List<String> columns,
            int rows, boolean mariaDb) throws SQLException {
        if (mariaDb) {
            String select = columns.stream().map(column -> "left(cast(`" + column.replace("`", "``") + "` as char), "
                    + LONGEST_VALUE + ")").collect(Collectors.joining(", "));
            return read(connection, "select " + select + " from `" + table.name().replace("`", "``") + "` limit "
                    + rows, columns);
        }
        boolean byPages = byPages(table, rows);
        Map<String, List<String>> values = read(connection, query(table, columns, rows, byPages), columns);
        if (byPages && rowsRead(values) < rows / 2) {
            // The pages drawn held too few rows (a small sample of a table of few pages): take its first rows.
            values = read(connection, query(table, columns, rows, false), columns);
        }
        return values;
    }

    /** Whether the table is big enough to sample by pages. */
    static boolean byPages(TableSchema table, int rows) {
        return table.rowEstimate() > (long) PAGES_ABOVE * rows;
    }

    /** The sampling query, by pages or by {@code LIMIT} alone. */
    static String query(TableSchema table, List<String> columns, int rows, boolean byPages) {
        String select = columns.stream().map(column -> "left(" + Sql.quote(column) + "::text, " + LONGEST_VALUE
                + ")").collect(Collectors.joining(", "));
        String sampling = "";
        if (byPages) {
            double percent = Math.min(100, 100.0 * 2 * rows / table.rowEstimate());
            sampling = String.format(Locale.ROOT, " tablesample system (%.6f) repeatable (0)", percent);
        }
        return "select " + select + " from " + table.sql() + sampling + " limit " + rows;
    }

    private static Map<String, List<String>> read(Connection connection, String query, List<String> columns)
            throws SQLException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        columns.forEach(column -> values.put(column, new ArrayList<>()));
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    values.get(columns.get(i)).add(result.getString(i + 1));
                }
            }
        }
        return values;
    }

    private static int rowsRead(Map<String, List<String>> values) {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }
}
