package io.strata.masking.profiling;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.strata.common.errors.Errors;
import io.strata.common.operations.Progress;
import io.strata.masking.algorithms.ColumnInfo;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.mariadb.MariaDbSchemaReader;
import io.strata.masking.postgres.ColumnSchema;
import io.strata.masking.postgres.DatabaseSchema;
import io.strata.masking.postgres.SchemaReader;
import io.strata.masking.postgres.TableSampler;
import io.strata.masking.postgres.TableSchema;

/**
 * Profiles a PostgreSQL (or MariaDB) database: reads its schema, samples every ordinary table ({@link TableSampler}) in one
 * {@code READ ONLY} transaction that is rolled back, judges each character, JSON, date and number column
 * ({@link ColumnProfiler}) and gathers the {@link Inventory}. A table that cannot be read is listed as unread and the
 * others are profiled. Materialized views are not profiled: they copy tables' data, and masking refreshes them.
 */
public final class DatabaseProfiler {

    private final ColumnProfiler profiler;
    private final int sampleRows;

    /**
     * @param sampleRows the most rows sampled per table
     */
    public DatabaseProfiler(ColumnProfiler profiler, int sampleRows) {
        this.profiler = profiler;
        this.sampleRows = sampleRows;
    }

    /**
     * The inventory of the database the connection is on, read in a transaction of its own that is rolled back at
     * the end; the caller closes the connection.
     *
     * @param dataset the dataset's id, for the inventory
     * @throws SQLException when the schema cannot be read
     */
    public Inventory profile(Connection connection, String dataset, Progress progress) throws SQLException {
        boolean mariaDb = MariaDbSchemaReader.isMariaDb(connection);
        if (mariaDb) {
            // MariaDB: before the transaction begins; its dates are always in ISO form.
            try (Statement statement = connection.createStatement()) {
                statement.execute("set session transaction read only");
            }
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            if (!mariaDb) {
                statement.execute("set transaction read only");
                // Dates and timestamps in ISO form, whatever the database's default, as the detectors read them.
                statement.execute("set local datestyle = 'ISO, YMD'");
            }
            DatabaseSchema schema = mariaDb ? MariaDbSchemaReader.read(connection) : SchemaReader.read(connection);
            List<TableSchema> tables = schema.tables();
            Gathered gathered = new Gathered();
            for (int i = 0; i < tables.size(); i++) {
                TableSchema table = tables.get(i);
                progress.report(5 + 90 * i / tables.size(), "sampling " + table.displayName());
                profileTable(connection, schema, table, gathered);
            }
            List<Finding> findings = gathered.findings;
            List<MaskingRule> rules = findings.stream().map(Finding::toRule).filter(Objects::nonNull).toList();
            return new Inventory(dataset, sampleRows, gathered.tablesSampled, findings, new Inventory.RulesetDraft(
                    rules, List.of()), gathered.publicTextCandidates, gathered.unread);
        } finally {
            connection.rollback();
        }
    }

    /** What the tables gave so far. */
    private static final class Gathered {

        private final List<Finding> findings = new ArrayList<>();
        private final List<String> publicTextCandidates = new ArrayList<>();
        private final List<Inventory.UnreadTable> unread = new ArrayList<>();
        private int tablesSampled;
    }

    private void profileTable(Connection connection, DatabaseSchema schema, TableSchema table, Gathered gathered)
            throws SQLException {
        List<ColumnInfo> columns = table.columns().stream().filter(DatabaseProfiler::isSampled).map(
                column -> schema.columnInfo(table.displayName(), column.name())).toList();
        if (columns.isEmpty()) {
            return;
        }
        Map<String, List<String>> samples;
        // A table that cannot be read (no privilege on it) must not end the transaction for the others.
        Savepoint before = connection.setSavepoint();
        try {
            samples = TableSampler.sample(connection, table, columns.stream().map(ColumnInfo::column).toList(),
                    sampleRows, MariaDbSchemaReader.isMariaDb(connection));
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            connection.rollback(before);
            gathered.unread.add(new Inventory.UnreadTable(table.displayName(), Errors.rootMessage(e)));
            return;
        }
        gathered.tablesSampled++;
        List<Finding> findings = profiler.profileTable(columns, samples);
        gathered.findings.addAll(findings);
        for (ColumnInfo column : columns) {
            boolean found = findings.stream().anyMatch(finding -> finding.column().equals(column.column()));
            if (!found && profiler.sharesWordsWithNames(column, samples.get(column.column()))) {
                gathered.publicTextCandidates.add(table.displayName() + "." + column.column());
            }
        }
    }

    /** Columns of a type profiling reads, and not generated (masking cannot write those). */
    private static boolean isSampled(ColumnSchema column) {
        return !column.generated() && ColumnGroup.of(column.type()) != null;
    }
}
