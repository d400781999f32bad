package io.strata.masking.mariadb;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.strata.masking.algorithms.Masker;
import io.strata.masking.postgres.ColumnRef;
import io.strata.masking.postgres.IndexSchema;
import io.strata.masking.postgres.LeakVerifier;
import io.strata.masking.postgres.TableSchema;

/**
 * Masks one MariaDB table in place: reads its rows once (streamed), masks them in Java, writes each row's key and
 * masked values to a spool file, loads the spool into a temporary table with {@code LOAD DATA LOCAL INFILE} (the
 * fast path: one statement, no round trip per row) and updates the table from it in one joined {@code UPDATE}.
 * Unique indexes over masked columns are dropped for the update and added again after it, which checks them: a
 * permutation of unique values would otherwise collide half-way, since MariaDB checks uniqueness row by row. Foreign
 * key checks are off in the session: both sides of a masked foreign key are masked alike, and the whole database is
 * checked afterwards.
 */
final class MariaDbTableMasking {

    /** Rows the driver fetches at a time, so a big table streams rather than lands in memory. */
    private static final int FETCH_ROWS = 4096;

    private final TableSchema table;
    private final List<String> key;
    private final Map<String, Masker> maskers;
    private final Map<String, Integer> sources;
    private final LeakVerifier verifier;

    /**
     * What masking one table did.
     *
     * @param rows its rows
     * @param values the non-NULL original values of each masked column
     * @param changed the rows of each masked column whose masked value differs from the original
     */
    record Result(long rows, Map<ColumnRef, Long> values, Map<ColumnRef, Long> changed) {
    }

    /**
     * @param key the columns that find a row: the primary key, or a unique index over NOT NULL columns
     * @param maskers the masker of each masked column, by column name
     * @param sources the leak verifier's number of each masked column
     */
    MariaDbTableMasking(TableSchema table, List<String> key, Map<String, Masker> maskers, Map<String, Integer> sources,
            LeakVerifier verifier) {
        this.table = table;
        this.key = List.copyOf(key);
        this.maskers = new LinkedHashMap<>(maskers);
        this.sources = Map.copyOf(sources);
        this.verifier = verifier;
    }

    /** Masks the table on this connection. */
    Result mask(Connection connection, Path spoolDirectory) throws SQLException, IOException {
        Path spool = Files.createTempFile(spoolDirectory, "mask-", ".tsv");
        try {
            Result result = spool(connection, spool);
            load(connection, spool, result.rows());
            return result;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Reads, masks and writes every row's key and masked values to the spool, tab separated. */
    private Result spool(Connection connection, Path spool) throws SQLException, IOException {
        List<String> read = table.copyColumns();
        List<String> masked = List.copyOf(maskers.keySet());
        long[] values = new long[masked.size()];
        long[] changed = new long[masked.size()];
        long rows = 0;
        LeakVerifier.Recorder recorder = verifier.recorder();
        Map<String, String> original = new HashMap<>();
        Masker.Row row = original::get;
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
                BufferedWriter out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
            statement.setFetchSize(FETCH_ROWS);
            try (ResultSet result = statement.executeQuery("select " + MariaDbSql.quoteAll(read) + " from "
                    + MariaDbSql.quote(table.name()))) {
                while (result.next()) {
                    for (int i = 0; i < read.size(); i++) {
                        original.put(read.get(i), result.getString(i + 1));
                    }
                    List<String> fields = new ArrayList<>(key.size() + masked.size());
                    key.forEach(column -> fields.add(original.get(column)));
                    for (int i = 0; i < masked.size(); i++) {
                        String value = original.get(masked.get(i));
                        String maskedValue = maskers.get(masked.get(i)).mask(value, row);
                        fields.add(maskedValue);
                        values[i] += value == null ? 0 : 1;
                        changed[i] += Objects.equals(value, maskedValue) ? 0 : 1;
                        recorder.record(sources.get(masked.get(i)), value, maskedValue);
                    }
                    LoadDataText.writeRow(out, fields);
                    rows++;
                }
            }
        } finally {
            recorder.flush();
        }
        return new Result(rows, perColumn(masked, values), perColumn(masked, changed));
    }

    private Map<ColumnRef, Long> perColumn(List<String> columns, long[] counts) {
        Map<ColumnRef, Long> perColumn = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            perColumn.put(new ColumnRef(table.displayName(), columns.get(i)), counts[i]);
        }
        return perColumn;
    }

    /** Loads the spool into a temporary table and updates the table from it, unique indexes dropped meanwhile. */
    private void load(Connection connection, Path spool, long rows) throws SQLException {
        String staged = MariaDbSql.quote("strata_masked_" + Math.abs(table.name().hashCode()));
        List<String> columns = new ArrayList<>(key);
        columns.addAll(maskers.keySet());
        List<IndexSchema> uniques = table.indexes().stream().filter(index -> index.unique() && !index
                .backsConstraint() && index.columns().stream().anyMatch(maskers::containsKey)).toList();
        String target = MariaDbSql.quote(table.name());
        MariaDbSql.execute(connection, "drop temporary table if exists " + staged, "create temporary table " + staged
                + " as select " + MariaDbSql.quoteAll(columns) + " from " + target + " where 1 = 0",
                "alter table "
                        + staged + " add primary key (" + MariaDbSql.quoteAll(key) + ")");
        try (Statement statement = connection.createStatement()) {
            // A local load turns bad rows into warnings: a load short of a row is a failure here.
            long loaded = statement.executeLargeUpdate("load data local infile " + MariaDbSql.literal(spool
                    .toString()) + " into table " + staged + " character set utf8mb4 " + LoadDataText.FORMAT + " ("
                    + MariaDbSql.quoteAll(columns) + ")");
            if (loaded != rows) {
                throw new SQLException("Loading the masked rows of " + table.displayName() + " took " + loaded
                        + " of " + rows + " rows; a masked value does not fit its column");
            }
        }
        for (IndexSchema index : uniques) {
            MariaDbSql.execute(connection, "alter table " + target + " drop index " + MariaDbSql.quote(index.name()));
        }
        String join = String.join(" and ", key.stream().map(column -> "t." + MariaDbSql.quote(column) + " = m."
                + MariaDbSql.quote(column)).toList());
        String set = String.join(", ", maskers.keySet().stream().map(column -> "t." + MariaDbSql.quote(column)
                + " = m." + MariaDbSql.quote(column)).toList());
        MariaDbSql.execute(connection, "update " + target + " t join " + staged + " m on " + join + " set " + set);
        for (IndexSchema index : uniques) {
            MariaDbSql.execute(connection, "alter table " + target + " add unique index " + MariaDbSql.quote(index
                    .name()) + " (" + index.definition() + ")");
        }
        MariaDbSql.execute(connection, "drop temporary table " + staged);
    }
}
