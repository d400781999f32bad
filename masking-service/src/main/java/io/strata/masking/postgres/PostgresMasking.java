package io.strata.masking.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.strata.masking.algorithms.Masker;
import io.strata.masking.algorithms.RuleError;

/**
 * Masks a PostgreSQL working clone and proves the result, failing closed: reads the schema ({@link SchemaReader}),
 * masks in place ({@link InPlaceMasking}), checks that no original value is left ({@link LeakVerifier}) and that
 * every foreign key that was validated before still is. Any doubt is a {@link MaskingFailure}.
 * <p>
 * A masked value equal to its own original is an output of the masking like any other, so the leak check does not
 * flag it (a dictionary or a permutation maps some values to themselves); a masker that changes none of a column's
 * values is caught apart, by the count of changed values.
 */
public final class PostgresMasking {

    /**
     * A column with at least this many values none of which masking changed is taken for a mistake (a rule on the
     * wrong column, a masker that returns its input) rather than chance.
     */
    static final int UNCHANGED_SUSPICIOUS = 10;

    private static final String FOREIGN_KEYS = "select n.nspname, c.relname, k.conname, k.convalidated "
            + "from pg_constraint k join pg_class c on c.oid = k.conrelid "
            + "join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and k.conparentid = 0";

    private PostgresMasking() {
    }

    /** As many threads as the machine has cores. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Masks with no column declared public text; see {@link #run(ConnectionFactory, Map, int, Set)}. */
    public static MaskingReport run(ConnectionFactory connections, Map<ColumnRef, Masker> maskers, int threads) {
        return run(connections, maskers, threads, Set.of());
    }

    /**
     * Masks the columns of the clone and verifies the result.
     *
     * @param connections the clone's connections (as a role that may truncate the tables; a superuser also skips
     *        the foreign key triggers)
     * @param maskers the masker of each column
     * @param threads how many tables are masked and scanned at a time ({@link #defaultThreads()})
     * @param publicText columns whose text is public (titles, product names), where words equal to masked values
     *        are there by chance: the leak check does not read them
     * @return what was masked, and the clean leak check
     * @throws RuleError naming {@code table} or {@code column} for a column that does not exist or cannot be masked
     * @throws MaskingFailure when a key or foreign key no longer holds, a table cannot be masked, or original values
     *         are left; each problem names the table and column and what to do
     */
    public static MaskingReport run(ConnectionFactory connections, Map<ColumnRef, Masker> maskers, int threads,
            Set<ColumnRef> publicText) {
        DatabaseSchema schema = readSchema(connections);
        LeakVerifier verifier = LeakVerifier.of(schema, maskers.keySet());
        Set<ColumnRef> publicColumns = publicText.stream().map(schema::resolve).collect(Collectors.toSet());
        MaskingOutcome outcome = new InPlaceMasking(connections, threads).mask(schema, maskers, verifier);
        Verification verification = verifier.verify(connections, schema, threads, publicColumns);
        Set<ColumnRef> mayStayAsTheyWere = maskers.entrySet().stream().filter(entry -> entry.getValue()
                .mayLeaveAllValues()).map(entry -> schema.resolve(entry.getKey())).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>(unchangedColumns(outcome, mayStayAsTheyWere));
        problems.addAll(foreignKeyProblems(connections, schema));
        verification.leaks().forEach(leak -> problems.add(leak.describe()));
        if (!problems.isEmpty()) {
            throw new MaskingFailure(problems, verification);
        }
        return new MaskingReport(outcome, verification);
    }

    /**
     * Session settings for a connection to a disposable clone: commits that do not wait for the WAL to reach the
     * disk (a crash may lose the last commits, and a crashed masking run discards the clone anyway), no JIT (COPY
     * and index builds gain nothing from it and pay its compile time), memory for index builds and the foreign key
     * checks, and no timeouts a role's defaults might set for ordinary sessions.
     */
    public static void tune(Connection connection) throws SQLException {
        Sql.execute(connection, "SET synchronous_commit = off", "SET jit = off", "SET maintenance_work_mem = '256MB'",
                "SET work_mem = '64MB'", "SET statement_timeout = 0", "SET lock_timeout = 0",
                "SET idle_in_transaction_session_timeout = 0");
    }

    private static DatabaseSchema readSchema(ConnectionFactory connections) {
        try {
            return SchemaReader.read(connections);
        } catch (SQLException e) {
            throw new MaskingFailure(List.of("Could not read the clone's schema (" + Sql.describe(e) + "); nothing "
                    + "was masked."));
        }
    }

    /**
     * A problem for each column of which masking changed none of at least {@value #UNCHANGED_SUSPICIOUS} values,
     * unless its masker may leave them all.
     */
    public static List<String> unchangedColumns(MaskingOutcome outcome, Set<ColumnRef> mayStayAsTheyWere) {
        List<String> problems = new ArrayList<>();
        outcome.valuesPerColumn().forEach((column, values) -> {
            if (values >= UNCHANGED_SUSPICIOUS && outcome.changedPerColumn().getOrDefault(column, 0L) == 0
                    && !mayStayAsTheyWere.contains(column)) {
                problems.add("Masking changed none of the " + values + " values of " + column + "; check its rule "
                        + "(the algorithm and its parameters), then mask a fresh clone.");
            }
        });
        return problems;
    }

    /** Every foreign key that was validated before masking must exist and be validated after it. */
    private static List<String> foreignKeyProblems(ConnectionFactory connections, DatabaseSchema schema) {
        Map<String, Boolean> validated = new HashMap<>();
        try (Connection connection = connections.open();
                PreparedStatement statement = connection.prepareStatement(
                        FOREIGN_KEYS);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                String table = "public".equals(row.getString(1))
                        ? row.getString(2)
                        : row.getString(1) + "." + row
                                .getString(2);
                validated.put(table + "/" + row.getString(3), row.getBoolean(4));
            }
        } catch (SQLException e) {
            return List.of("Could not check the foreign keys after masking (" + Sql.describe(e) + ").");
        }
        List<String> problems = new ArrayList<>();
        for (ForeignKey foreignKey : schema.foreignKeys()) {
            Boolean now = validated.get(foreignKey.table() + "/" + foreignKey.name());
            if (foreignKey.validated() && !Boolean.TRUE.equals(now)) {
                problems.add("The foreign key " + foreignKey.describe() + " is " + (now == null
                        ? "missing"
                        : "not validated") + " after masking; mask a fresh clone once the rules of its columns "
                        + "agree.");
            }
        }
        return problems;
    }
}
