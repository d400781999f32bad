package io.strata.masking.mariadb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.strata.common.errors.Errors;
import io.strata.masking.algorithms.Masker;
import io.strata.masking.postgres.ColumnRef;
import io.strata.masking.postgres.ConnectionFactory;
import io.strata.masking.postgres.DatabaseSchema;
import io.strata.masking.postgres.ForeignKey;
import io.strata.masking.postgres.IndexSchema;
import io.strata.masking.postgres.LeakVerifier;
import io.strata.masking.postgres.MaskingFailure;
import io.strata.masking.postgres.MaskingOutcome;
import io.strata.masking.postgres.MaskingReport;
import io.strata.masking.postgres.Parallel;
import io.strata.masking.postgres.PostgresMasking;
import io.strata.masking.postgres.TableSchema;
import io.strata.masking.postgres.Verification;

/**
 * Masks a MariaDB (or MySQL) copy in place with the same maskers, and so the same masked values, as PostgreSQL's,
 * and proves the result the same way, failing closed: every table's masked columns rewritten
 * ({@link MariaDbTableMasking}), then the whole database read for original values by the same leak check, then
 * every foreign key checked for rows that lost their parent.
 * <p>
 * A row is found again by its primary key (or a unique index over NOT NULL columns), so a table without one, or a
 * rule on one of its key's columns, is refused before anything is written; so is a table with an {@code UPDATE}
 * trigger, which the rewrite would fire.
 */
public final class MariaDbMasking {

    private MariaDbMasking() {
    }

    /**
     * Masks the columns of the copy and verifies the result.
     *
     * @param connections the copy's connections, as a user that may update, index and load every table
     * @param maskers the masker of each column
     * @param threads how many tables are masked and scanned at a time
     * @param publicText columns whose text the leak check does not read
     * @throws MaskingFailure when a table cannot be masked, a foreign key lost rows or original values are left
     */
    public static MaskingReport run(ConnectionFactory connections, Map<ColumnRef, Masker> maskers, int threads,
            Set<ColumnRef> publicText) {
        long started = System.nanoTime();
        DatabaseSchema schema = readSchema(connections);
        Map<TableSchema, Map<String, Masker>> byTable = byTable(schema, maskers);
        Map<TableSchema, List<String>> keys = keys(connections, byTable);
        LeakVerifier verifier = LeakVerifier.of(schema, maskers.keySet());
        List<Callable<MariaDbTableMasking.Result>> tasks = new ArrayList<>();
        Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        byTable.forEach((table, tableMaskers) -> {
            Map<String, Integer> sources = new HashMap<>();
            tableMaskers.keySet().forEach(column -> sources.put(column, verifier.source(new ColumnRef(table
                    .displayName(), column))));
            MariaDbTableMasking masking = new MariaDbTableMasking(table, keys.get(table), tableMaskers, sources,
                    verifier);
            tasks.add(() -> {
                try (Connection connection = open(connections)) {
                    return masking.mask(connection, spoolDirectory);
                }
            });
        });
        MaskingOutcome outcome = outcome(byTable, runAll(threads, tasks), started);
        Set<ColumnRef> publicColumns = publicText.stream().map(schema::resolve).collect(Collectors.toSet());
        Verification verification = verifier.verify(schema, threads, publicColumns, (relation, columns, rows) -> read(
                connections, relation, columns, rows));
        Set<ColumnRef> mayStay = maskers.entrySet().stream().filter(entry -> entry.getValue().mayLeaveAllValues())
                .map(entry -> schema.resolve(entry.getKey())).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>(PostgresMasking.unchangedColumns(outcome, mayStay));
        problems.addAll(foreignKeyProblems(connections, schema));
        verification.leaks().forEach(leak -> problems.add(leak.describe()));
        if (!problems.isEmpty()) {
            throw new MaskingFailure(problems, verification);
        }
        return new MaskingReport(outcome, verification);
    }

    /** A connection for masking: foreign key checks off for the rewrite, strict about values that do not fit. */
    private static Connection open(ConnectionFactory connections) throws SQLException {
        Connection connection = connections.open();
        MariaDbSql.execute(connection, "set session foreign_key_checks = 0", "set session sql_mode = "
                + "concat(@@sql_mode, ',STRICT_ALL_TABLES')");
        return connection;
    }

    private static DatabaseSchema readSchema(ConnectionFactory connections) {
        try (Connection connection = connections.open()) {
            return MariaDbSchemaReader.read(connection);
        } catch (SQLException e) {
            throw new MaskingFailure(List.of("Could not read the copy's schema (" + Errors.rootMessage(e)
                    + "); nothing was masked."));
        }
    }

    private static Map<TableSchema, Map<String, Masker>> byTable(DatabaseSchema schema,
            Map<ColumnRef, Masker> maskers) {
        Map<TableSchema, Map<String, Masker>> byTable = new LinkedHashMap<>();
        maskers.forEach((column, masker) -> {
            TableSchema table = schema.table(column.table());
            byTable.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(schema.column(table, column.column())
                    .name(), masker);
        });
        return byTable;
    }

    /**
     * The key each masked table's rows are found by; refuses, before anything is written, a table with no such key,
     * a rule on a key column, and a table with an UPDATE trigger.
     */
    private static Map<TableSchema, List<String>> keys(ConnectionFactory connections,
            Map<TableSchema, Map<String, Masker>> byTable) {
        Map<TableSchema, List<String>> keys = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> triggered = updateTriggers(connections);
        for (TableSchema table : byTable.keySet()) {
            Optional<List<String>> key = rowKey(table);
            List<String> maskedKey = key.orElse(List.of()).stream().filter(byTable.get(table)::containsKey).toList();
            if (!maskedKey.isEmpty()) {
                problems.add("Table " + table.displayName() + " finds its rows by " + String.join(", ", key.get())
                        + ", and a rule masks " + String.join(", ", maskedKey) + ": MariaDB tables are masked in "
                        + "place by their key, so a key column cannot be masked there. Remove the rule, or mask the "
                        + "PostgreSQL copy of this data.");
            } else if (key.isEmpty()) {
                problems.add("Table " + table.displayName() + " has no primary key nor unique index over NOT NULL "
                        + "columns, so its masked rows cannot be found again; add a primary key to it in the source.");
            } else {
                keys.put(table, key.get());
            }
            if (triggered.contains(table.name())) {
                problems.add("Table " + table.displayName() + " has an UPDATE trigger, which masking in place would "
                        + "fire; drop the trigger in the source, or mask another table.");
            }
        }
        if (!problems.isEmpty()) {
            throw new MaskingFailure(problems);
        }
        return keys;
    }

    private static Optional<List<String>> rowKey(TableSchema table) {
        Optional<List<String>> primary = table.primaryKey().map(key -> key.columns());
        if (primary.isPresent()) {
            return primary;
        }
        return table.indexes().stream().filter(IndexSchema::unique).filter(index -> index.columns().stream()
                .allMatch(name -> table.column(name).map(column -> !column.nullable()).orElse(false))).findFirst()
                .map(IndexSchema::columns);
    }

    private static Set<String> updateTriggers(ConnectionFactory connections) {
        try (Connection connection = connections.open();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select distinct EVENT_OBJECT_TABLE from "
                        + "information_schema.TRIGGERS where TRIGGER_SCHEMA = database() and "
                        + "EVENT_MANIPULATION = 'UPDATE'")) {
            Set<String> tables = new HashSet<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            return tables;
        } catch (SQLException e) {
            throw new MaskingFailure(List.of("Could not read the copy's triggers (" + Errors.rootMessage(e)
                    + "); nothing was masked."));
        }
    }

    private static List<MariaDbTableMasking.Result> runAll(int threads,
            List<Callable<MariaDbTableMasking.Result>> tasks) {
        List<MariaDbTableMasking.Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Parallel.Attempt<MariaDbTableMasking.Result> attempt : Parallel.run("masking", threads, tasks)) {
            if (attempt.failure() != null) {
                failures.add("A table could not be masked: " + Errors.rootMessage(attempt.failure()));
            } else {
                results.add(attempt.value());
            }
        }
        if (!failures.isEmpty()) {
            throw new MaskingFailure(failures);
        }
        return results;
    }

    private static MaskingOutcome outcome(Map<TableSchema, Map<String, Masker>> byTable,
            List<MariaDbTableMasking.Result> results, long started) {
        Map<String, Long> rows = new HashMap<>();
        Map<ColumnRef, Long> values = new HashMap<>();
        Map<ColumnRef, Long> changed = new HashMap<>();
        List<TableSchema> tables = List.copyOf(byTable.keySet());
        for (int i = 0; i < results.size(); i++) {
            rows.put(tables.get(i).displayName(), results.get(i).rows());
            values.putAll(results.get(i).values());
            changed.putAll(results.get(i).changed());
        }
        return new MaskingOutcome(rows, values, changed, 0, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Reads the named columns of a table for the leak check, streamed, in the text form masking saw. */
    private static void read(ConnectionFactory connections, TableSchema relation, List<String> columns,
            Consumer<String[]> rows) throws SQLException {
        try (Connection connection = connections.open();
                Statement statement = connection.createStatement()) {
            statement.setFetchSize(4096);
            try (ResultSet result = statement.executeQuery("select " + MariaDbSql.quoteAll(columns) + " from "
                    + MariaDbSql.quote(relation.name()))) {
                String[] values = new String[columns.size()];
                while (result.next()) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = result.getString(i + 1);
                    }
                    rows.accept(values);
                }
            }
        }
    }

    /** Every foreign key must still find a parent for each of its rows. */
    private static List<String> foreignKeyProblems(ConnectionFactory connections, DatabaseSchema schema) {
        List<String> problems = new ArrayList<>();
        try (Connection connection = connections.open();
                Statement statement = connection.createStatement()) {
            for (ForeignKey foreignKey : schema.foreignKeys()) {
                List<String> on = new ArrayList<>();
                List<String> notNull = new ArrayList<>();
                for (int i = 0; i < foreignKey.columns().size(); i++) {
                    String child = "c." + MariaDbSql.quote(foreignKey.columns().get(i));
                    on.add(child + " = p." + MariaDbSql.quote(foreignKey.referencedColumns().get(i)));
                    notNull.add(child + " is not null");
                }
                String sql = "select count(*) from " + MariaDbSql.quote(foreignKey.table()) + " c left join "
                        + MariaDbSql.quote(foreignKey.referencedTable()) + " p on " + String.join(" and ", on)
                        + " where " + String.join(" and ", notNull) + " and p." + MariaDbSql.quote(foreignKey
                                .referencedColumns().get(0))
                        + " is null";
                try (ResultSet row = statement.executeQuery(sql)) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        problems.add(row.getLong(1) + " row(s) of " + foreignKey.table() + " no longer find their "
                                + "parent through the foreign key " + foreignKey.describe() + " after masking; "
                                + "mask both sides with the same rule, then mask a fresh copy.");
                    }
                }
            }
        } catch (SQLException e) {
            return List.of("Could not check the foreign keys after masking (" + Errors.rootMessage(e) + ").");
        }
        return problems;
    }
}
