package io.strata.masking.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.strata.masking.algorithms.Masker;
import io.strata.masking.algorithms.RuleError;

/**
 * Masks columns of a working clone in place, fast. The clone is private and disposable (a failed run discards it and
 * starts from a fresh one), so this trades durability for speed wherever PostgreSQL lets it.
 * <ol>
 * <li>Every foreign key that leaves or references a masked table is dropped, all in one transaction, its definition
 * kept. They go first because {@code TRUNCATE} refuses a table that a foreign key references, from a masked table
 * or not. One kind stays, when masking as superuser: a foreign key that leaves a masked table from columns that are
 * not masked (nor generated) to a table that is not rewritten. {@code TRUNCATE} accepts it, its checks do not fire
 * while the rows are loaded ({@code session_replication_role = replica}), and they need not: the rows come back
 * with the bytes they had in its columns, and the table it references is untouched, so it holds as it did, and
 * checking it again (a join of both tables) would only cost time. A table that is rebuilt gets such a foreign key
 * back on its new, empty table before the load, so it is not checked either; that locks the table it references until
 * the commit, so when two rebuilt tables have one to the same table, theirs are dropped and added back instead, or
 * the second table would wait for the first.</li>
 * <li>Each masked table is rewritten by its own connection and transaction, {@code threads} tables at a time, the
 * largest first: {@code SET LOCAL synchronous_commit = off}; an exclusive lock; the table's user triggers switched
 * off ({@code session_replication_role = replica} as superuser, plus the triggers enabled ALWAYS or REPLICA by
 * name); {@code COPY t (columns) TO STDOUT} in text format, streamed and cut into chunks of rows that
 * {@code threads} workers shared by all the tables mask ({@link ChunkWorkers}: one big table uses every core); in a
 * chunk, rows are parsed ({@link CopyTextReader}), each masked column's {@link Masker} applied (its row gives the
 * row's original values by column name), every original and masked value given to the {@link LeakVerifier}, and the
 * masked rows written in COPY text format ({@link CopyTextWriter}), unmasked fields as the bytes they came in. The
 * masked chunks then go, in the table's order, one of two ways.
 * <p>
 * <b>Rebuilt and swapped in</b>, where that is safe ({@link TableRebuild} says when): the table is locked against
 * writes only ({@code EXCLUSIVE}), so that a second connection can read it while this one creates a new, empty table
 * like it and streams the masked chunks into {@code COPY new FROM STDIN (FREEZE)} as they come: the load runs while
 * the rows are read and masked instead of after. Then, in the same transaction, the old table is dropped, the new one
 * renamed to its name, its keys and indexes built, and everything else of the old table carried over (owner,
 * privileges, comments, check constraints, the foreign keys that stay, triggers, policies, sequences and their
 * positions, storage parameters, replica identity); a failure at any step rolls back to the old table.
 * <p>
 * <b>Rewritten in place</b>, for the others (a dependent view, an inheritance child, a publication, a role that is
 * not a superuser, ...): the chunks go to a spool file. Then the
 * table's indexes and its primary key, unique and exclusion constraints are dropped (their definitions kept), the
 * table is emptied with {@code TRUNCATE ONLY} and filled from the spool with {@code COPY ... FROM STDIN (FREEZE)},
 * the indexes and constraints are created again (which checks them: a masker that makes a key collide fails its
 * table, naming the constraint), the triggers are enabled as they were, and the transaction commits. A TRUNCATE and
 * a COPY in one transaction leave no dead rows and, under {@code wal_level = minimal}, write no WAL; building an
 * index once is several times faster than updating it row by row.</li>
 * <li>Once every table is done, the foreign keys are added back with {@code ALTER TABLE ... ADD CONSTRAINT ...} and
 * their own definitions, one at a time; adding one validates it, which is the check that joins still hold. One that
 * fails names the constraint, both tables and their columns; the others are still added.</li>
 * COPY names the table's columns rather than {@code SELECT *}: generated columns cannot be written (PostgreSQL
 * computes them again from the masked values), and COPY of a table leaves its inheritance children alone, as
 * {@code TRUNCATE ONLY} does. Rewritten in place, the table keeps its identity, so sequences, grants, views,
 * triggers, policies and comments are untouched ({@code RESTART IDENTITY} is not used: the sequences keep their
 * positions); comments, {@code CLUSTER} marks and replica identities of the dropped indexes and constraints are set again. A table without
 * a primary key goes the same way. Indexes and constraints of a partition that belong to its partitioned parent stay
 * in place (they cannot be dropped alone) and are updated as the rows arrive.
 * <li>Materialized views are refreshed, since they may hold copies of the original values (the leak check reads
 * them too).</li>
 * </ol>
 * <p>
 * When a table fails, its transaction rolls back (it keeps its original rows), the other tables finish and the
 * foreign keys are added back; then a {@link MaskingFailure} lists every problem, and the clone must be discarded.
 */
public final class InPlaceMasking {

    private static final Logger LOG = Logger.getLogger(InPlaceMasking.class);

    private final ConnectionFactory connections;
    private final int threads;
    private final Path spoolDirectory;
    /** Whether the connections are a superuser's, asked once when a foreign key could stay; {@code null} before. */
    private Boolean superuser;

    /** Masking with {@code threads} tables at a time, spooling to the JVM's temporary directory. */
    public InPlaceMasking(ConnectionFactory connections, int threads) {
        this(connections, threads, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param connections the clone's connections
     * @param threads how many tables are masked at a time (each takes a connection), and how many workers mask
     *        their rows
     * @param spoolDirectory where the masked rows wait between COPY out and COPY in (a table's size in free space)
     */
    public InPlaceMasking(ConnectionFactory connections, int threads, Path spoolDirectory) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.connections = connections;
        this.threads = threads;
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * Masks the columns.
     *
     * @param schema the clone's schema, as read before masking
     * @param maskers the masker of each column to mask
     * @param verifier the leak check, which is given every original and masked value (see
     *        {@link LeakVerifier#of})
     * @throws RuleError naming {@code table} or {@code column} for a column that does not exist or cannot be masked
     * @throws MaskingFailure when a table cannot be masked or a key or foreign key no longer holds
     */
    public MaskingOutcome mask(DatabaseSchema schema, Map<ColumnRef, Masker> maskers, LeakVerifier verifier) {
        Instant start = Instant.now();
        Map<TableSchema, List<TableMasking.MaskedColumn>> plan = plan(schema, maskers, verifier);
        // A foreign key that references a partitioned table also stops TRUNCATE of its partitions.
        Set<String> maskedTables = plan.keySet().stream().flatMap(table -> Stream.concat(Stream.of(table
                .displayName()), table.partitionOf().stream())).collect(Collectors.toSet());
        Map<TableSchema, String> obstacles = rebuildObstacles(plan.keySet());
        Set<ForeignKey> sharingAReference = sharingAReference(schema, plan, maskedTables, obstacles);
        List<ForeignKey> foreignKeys = schema.foreignKeysTouching(maskedTables).stream().filter(foreignKey -> !stays(
                foreignKey, schema, plan, maskedTables) || sharingAReference.contains(foreignKey)).toList();
        dropForeignKeys(foreignKeys);
        List<TableSchema> order = plan.keySet().stream().sorted(Comparator.comparingLong(table -> -table
                .rowEstimate())).toList();
        List<String> problems = new ArrayList<>();
        List<TableMasking.Result> results = new ArrayList<>();
        List<Parallel.Attempt<TableMasking.Result>> attempts;
        try (ChunkWorkers workers = new ChunkWorkers("masking", threads)) {
            List<Callable<TableMasking.Result>> tasks = new ArrayList<>();
            order.forEach(table -> tasks.add(new TableMasking(connections, table, plan.get(table), verifier,
                    spoolDirectory, workers, obstacles.get(table), table.foreignKeys().stream().filter(
                            foreignKey -> !foreignKeys.contains(foreignKey)).toList())));
            attempts = Parallel.run("masking", threads, tasks);
        }
        for (int i = 0; i < attempts.size(); i++) {
            Throwable failure = attempts.get(i).failure();
            if (failure == null) {
                results.add(attempts.get(i).value());
            } else if (failure instanceof MaskingFailure) {
                problems.add(Sql.describe(failure));
            } else {
                problems.add("Masking " + order.get(i).displayName() + " failed (" + Sql.describe(failure)
                        + "); it keeps its original rows.");
            }
        }
        problems.addAll(addForeignKeys(foreignKeys));
        if (problems.isEmpty()) {
            problems.addAll(refreshMaterializedViews(schema));
        }
        if (!problems.isEmpty()) {
            throw new MaskingFailure(problems);
        }
        return outcome(results, Duration.between(start, Instant.now()));
    }

    /** The masked columns of each table, checked against the schema. */
    private static Map<TableSchema, List<TableMasking.MaskedColumn>> plan(DatabaseSchema schema,
            Map<ColumnRef, Masker> maskers, LeakVerifier verifier) {
        Map<TableSchema, List<TableMasking.MaskedColumn>> plan = new LinkedHashMap<>();
        Map<ColumnRef, ColumnRef> seen = new HashMap<>();
        maskers.forEach((asWritten, masker) -> {
            TableSchema table = schema.table(asWritten.table());
            ColumnSchema column = schema.column(table, asWritten.column());
            ColumnRef resolved = new ColumnRef(table.displayName(), column.name());
            if (column.generated()) {
                throw new RuleError("column", resolved + " is a generated column: PostgreSQL computes it from other "
                        + "columns, so mask those instead.");
            }
            ColumnRef previous = seen.put(resolved, asWritten);
            if (previous != null) {
                throw new RuleError("column", resolved + " has two rules (" + previous + " and " + asWritten
                        + "); keep one.");
            }
            plan.computeIfAbsent(table, key -> new ArrayList<>()).add(new TableMasking.MaskedColumn(resolved, table
                    .copyColumns().indexOf(column.name()), masker, verifier.source(resolved)));
        });
        return plan;
    }

    /**
     * Whether the foreign key can stay in place while its table is rewritten: see the class's description. Only a
     * superuser's load skips its checks; anyone else's would check it row by row, slower than adding it again.
     */
    private boolean stays(ForeignKey foreignKey, DatabaseSchema schema,
            Map<TableSchema, List<TableMasking.MaskedColumn>> plan, Set<String> maskedTables) {
        if (maskedTables.contains(foreignKey.referencedTable())) {
            return false;
        }
        for (Map.Entry<TableSchema, List<TableMasking.MaskedColumn>> entry : plan.entrySet()) {
            TableSchema table = entry.getKey();
            if (table.displayName().equals(foreignKey.table())) {
                boolean columnsKept = foreignKey.columns().stream().noneMatch(column -> schema.column(table, column)
                        .generated()
                        || entry.getValue().stream().anyMatch(masked -> masked.column().column()
                                .equals(column)));
                return columnsKept && superuser();
            }
        }
        // A partition's parent, or a table that is not masked: the old way.
        return false;
    }

    /**
     * Why each table cannot be rebuilt and swapped in ({@link TableRebuild#obstacle}); {@code null} for those that
     * can. Not knowing is a reason: such a table is rewritten in place.
     */
    private Map<TableSchema, String> rebuildObstacles(Set<TableSchema> tables) {
        Map<TableSchema, String> obstacles = new HashMap<>();
        if (!superuser()) {
            tables.forEach(table -> obstacles.put(table, "the masking role is not a superuser, so it could not give "
                    + "a new table the old one's owner"));
            return obstacles;
        }
        try (Connection connection = connections.open()) {
            for (TableSchema table : tables) {
                obstacles.put(table, TableRebuild.obstacle(connection, table));
            }
        } catch (SQLException e) {
            tables.forEach(table -> obstacles.put(table, "its catalog could not be read (" + Sql.describe(e) + ")"));
        }
        obstacles.forEach((table, obstacle) -> {
            if (obstacle == null) {
                LOG.debugf("%s will be masked into a new table, swapped in", table.displayName());
            } else {
                LOG.infof("%s will be masked in place, not swapped: %s", table.displayName(), obstacle);
            }
        });
        return obstacles;
    }

    /**
     * The foreign keys that could stay on rebuilt tables but reference a table that such a foreign key of another
     * rebuilt table references too. A rebuilt table gets its staying foreign keys before its load, which locks the
     * referenced table against another such addition until the commit: two rebuilt tables that reference the same
     * table would be masked one after the other. These foreign keys are dropped and added back (and checked) instead.
     */
    private Set<ForeignKey> sharingAReference(DatabaseSchema schema,
            Map<TableSchema, List<TableMasking.MaskedColumn>> plan, Set<String> maskedTables,
            Map<TableSchema, String> obstacles) {
        Map<String, List<ForeignKey>> byReferencedTable = new HashMap<>();
        for (TableSchema table : plan.keySet()) {
            if (obstacles.get(table) == null) {
                table.foreignKeys().stream().filter(foreignKey -> stays(foreignKey, schema, plan, maskedTables))
                        .forEach(foreignKey -> byReferencedTable.computeIfAbsent(foreignKey.referencedTable(),
                                key -> new ArrayList<>()).add(foreignKey));
            }
        }
        return byReferencedTable.values().stream().filter(foreignKeys -> foreignKeys.stream().map(ForeignKey::table)
                .distinct().count() > 1).flatMap(List::stream).collect(Collectors.toSet());
    }

    private boolean superuser() {
        if (superuser == null) {
            try (Connection connection = connections.open();
                    PreparedStatement statement = connection.prepareStatement(
                            "select current_setting('is_superuser')");
                    ResultSet row = statement.executeQuery()) {
                superuser = row.next() && "on".equals(row.getString(1));
            } catch (SQLException e) {
                // Not known: the foreign key goes and comes back, which is right for anyone.
                superuser = false;
            }
        }
        return superuser;
    }

    private void dropForeignKeys(List<ForeignKey> foreignKeys) {
        if (foreignKeys.isEmpty()) {
            return;
        }
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            for (ForeignKey foreignKey : foreignKeys) {
                Sql.execute(connection, "ALTER TABLE " + foreignKey.tableSql() + " DROP CONSTRAINT " + Sql.quote(
                        foreignKey.name()));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new MaskingFailure(List.of("Could not drop the foreign keys of the masked tables before masking ("
                    + Sql.describe(e) + "); nothing was masked."));
        }
    }

    /** Adds the foreign keys back, each in a savepoint so that one that fails leaves the others; returns failures. */
    private List<String> addForeignKeys(List<ForeignKey> foreignKeys) {
        List<String> problems = new ArrayList<>();
        if (foreignKeys.isEmpty()) {
            return problems;
        }
        try (Connection connection = connections.open()) {
            PostgresMasking.tune(connection);
            connection.setAutoCommit(false);
            for (ForeignKey foreignKey : foreignKeys) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    addForeignKey(connection, foreignKey);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    connection.rollback(savepoint);
                    problems.add(foreignKeyProblem(foreignKey, e));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            problems.add("Could not add the foreign keys back (" + Sql.describe(e) + ").");
        }
        return problems;
    }

    private static void addForeignKey(Connection connection, ForeignKey foreignKey) throws SQLException {
        Sql.execute(connection, "ALTER TABLE " + foreignKey.tableSql() + " ADD CONSTRAINT " + Sql.quote(foreignKey
                .name()) + " " + foreignKey.definition());
        if (foreignKey.comment() != null) {
            Sql.execute(connection, "COMMENT ON CONSTRAINT " + Sql.quote(foreignKey.name()) + " ON " + foreignKey
                    .tableSql() + " IS " + Sql.literal(foreignKey.comment()));
        }
    }

    private static String foreignKeyProblem(ForeignKey foreignKey, SQLException e) {
        if (Sql.isIntegrityViolation(e)) {
            return "The foreign key " + foreignKey.describe() + " no longer holds after masking (" + Sql.describe(e)
                    + "): some values of " + foreignKey.table() + "(" + String.join(", ", foreignKey.columns())
                    + ") have no match in " + foreignKey.referencedTable() + "; mask both sides with the same "
                    + "algorithm and key, or neither, then mask a fresh clone.";
        }
        return "Could not add the foreign key " + foreignKey.describe() + " back (" + Sql.describe(e) + ").";
    }

    /** Refreshes the populated materialized views, which may hold copies of the original values; returns failures. */
    private List<String> refreshMaterializedViews(DatabaseSchema schema) {
        List<String> problems = new ArrayList<>();
        if (schema.materializedViews().isEmpty()) {
            return problems;
        }
        try (Connection connection = connections.open()) {
            PostgresMasking.tune(connection);
            List<String> populated = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("select quote_ident(n.nspname) || '.' || "
                    + "quote_ident(c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where c.relkind = 'm' and c.relispopulated"); ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    populated.add(row.getString(1));
                }
            }
            for (String view : populated) {
                try {
                    Sql.execute(connection, "REFRESH MATERIALIZED VIEW " + view);
                } catch (SQLException e) {
                    problems.add("Could not refresh the materialized view " + view + " after masking (" + Sql
                            .describe(e) + "); it may hold original values: drop it from the clone, or make it "
                            + "refreshable.");
                }
            }
        } catch (SQLException e) {
            problems.add("Could not refresh the materialized views after masking (" + Sql.describe(e) + ").");
        }
        return problems;
    }

    private static MaskingOutcome outcome(List<TableMasking.Result> results, Duration took) {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<ColumnRef, Long> values = new HashMap<>();
        Map<ColumnRef, Long> changed = new HashMap<>();
        long bytes = 0;
        for (TableMasking.Result result : results) {
            rows.put(result.table(), result.rows());
            values.putAll(result.values());
            changed.putAll(result.changed());
            bytes += result.bytes();
        }
        return new MaskingOutcome(rows, values, changed, bytes, took);
    }
}
