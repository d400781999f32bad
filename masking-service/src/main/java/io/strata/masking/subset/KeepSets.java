package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.strata.masking.subset.SubsetPlan.Direction;
import io.strata.masking.subset.SubsetRequestValidator.RootRows;
import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;
import io.strata.masking.subset.Traversal.Rule;

/**
 * The rows to keep, as one temporary table of keys per table ({@code keep_<n>}: the table's key columns as
 * {@code k1..kn}, the generation that added the row, and whether it was reached downward), filled by one
 * {@code INSERT ... SELECT DISTINCT} per rule until no rule adds a row.
 *
 * <p>
 * Evaluation is semi-naive: every statement stamps the rows it adds with a new generation, and every rule remembers
 * the last generation it has read, so a rule only joins the rows added since it last ran. A row reached upward and
 * later downward is stamped again, so the downward rules see it. The temporary tables are analysed as they grow (no
 * autovacuum looks at temporary tables, and without statistics the planner guesses a few thousand rows).
 */
final class KeepSets {

    private static final Logger LOG = Logger.getLogger(KeepSets.class);
    private static final long ANALYZE_FROM = 1000;
    private static final double HASH_RANGE = 4294967296.0;

    private final Connection connection;
    private final Traversal traversal;
    private final boolean mariaDb;
    private final Map<String, String> keepTables = new LinkedHashMap<>();
    private final Map<Rule, Integer> lastRead = new HashMap<>();
    private final Map<ForeignKey, List<Integer>> reachedDownward = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private final Map<String, Long> analysedAt = new HashMap<>();
    private int generation;

    KeepSets(Connection connection, Traversal traversal) throws SQLException {
        this.connection = connection;
        this.traversal = traversal;
        this.mariaDb = Sql.mariaDb(connection);
        for (Table table : traversal.related()) {
            keepTables.put(table.displayName(), (mariaDb ? "strata_keep_" : "keep_") + (keepTables.size() + 1));
        }
    }

    /** The user's condition as it goes into {@code WHERE (...)}: a newline ends a trailing line comment. */
    static String predicateText(String where) {
        return where + "\n";
    }

    /** Creates the keep tables (dropped at commit, or by {@link #drop}) and fills them to the fixed point. */
    void fill() throws SQLException {
        for (Table table : traversal.related()) {
            String keep = keepTable(table);
            // MariaDB: a plain table, dropped at the end, since a statement cannot read a temporary table twice (an
            // upward rule of a self-reference reads and fills the same keep table).
            Sql.update(connection, mariaDb
                    ? "CREATE TABLE " + keep + " AS SELECT " + keyAs(table) + ", 0 AS gen, false AS down FROM "
                            + table.sql() + " t WHERE 1 = 0"
                    : "CREATE TEMP TABLE " + keep + " ON COMMIT DROP AS SELECT " + keyAs(table)
                            + ", 0 AS gen, false AS down FROM " + table.sql() + " t WITH NO DATA");
            Sql.update(connection, "ALTER TABLE " + keep + " ADD PRIMARY KEY (" + keys(table) + ")");
        }
        for (RootRows root : traversal.roots()) {
            addRoot(root);
        }
        for (List<Rule> group : traversal.schedule()) {
            boolean repeats = traversal.repeats(group);
            long added;
            do {
                added = 0;
                for (Rule rule : group) {
                    added += apply(rule);
                }
            } while (repeats && added > 0);
        }
    }

    /** Rows kept per table, for every table joined to a root. */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Table table : traversal.related()) {
            counts.put(table.displayName(), Sql.count(connection, "SELECT count(*) FROM " + keepTable(table)));
        }
        return counts;
    }

    /** Deletes the rows of a table its keep table does not name; returns how many. */
    int deleteOthers(Table table) throws SQLException {
        return Sql.update(connection, (mariaDb ? "DELETE t FROM " : "DELETE FROM ") + table.sql() + " t WHERE NOT "
                + named(table));
    }

    /** A query of the rows of a table (as {@code t}) that its keep table names: the given select list of them. */
    String keptRows(Table table, String selectList) {
        return "SELECT " + selectList + " FROM " + table.sql() + " t WHERE " + named(table);
    }

    /** Whether the keep table names the row {@code t} of the table. */
    private String named(Table table) {
        return "EXISTS (SELECT 1 FROM " + keepTable(table) + " s WHERE " + Sql.equal(Sql.qualified("t", table
                .keyColumns()), keepColumns("s", table)) + ")";
    }

    /**
     * Kept rows of a key's child table that reference no existing row: possible before the subset only for a key the
     * database does not guarantee (a virtual key, a NOT VALID foreign key).
     */
    long danglingKept(ForeignKey key) throws SQLException {
        Table child = key.child();
        return Sql.count(connection, "SELECT count(*) FROM " + child.sql() + " c JOIN " + keepTable(child)
                + " s ON " + Sql.equal(Sql.qualified("c", child.keyColumns()), keepColumns("s", child)) + " WHERE "
                + dangling(key));
    }

    /**
     * The condition on a child row {@code c} that references no row of the parent: every referencing column set (a
     * foreign key with a NULL column is not checked) and no parent row matching.
     */
    static String dangling(ForeignKey key) {
        return Sql.notNull(Sql.qualified("c", key.columns())) + " AND NOT EXISTS (SELECT 1 FROM " + key.parent().sql()
                + " p WHERE " + Sql.equal(Sql.qualified("p", key.referencedColumns()),
                        Sql.qualified("c", key.columns()))
                + ")";
    }

    /** Drops the keep tables (a caller's transaction may go on after the subset). */
    void drop() throws SQLException {
        if (!keepTables.isEmpty()) {
            Sql.update(connection, "DROP TABLE IF EXISTS " + String.join(", ", keepTables.values()));
        }
    }

    private void addRoot(RootRows root) throws SQLException {
        Table table = root.table();
        String alias = Sql.quote(table.name());
        List<String> conditions = new ArrayList<>();
        if (root.where() != null) {
            conditions.add("(" + predicateText(root.where()) + ")");
        }
        if (root.percent() != null) {
            long threshold = Math.round(root.percent() / 100.0 * HASH_RANGE);
            conditions.add(mariaDb
                    ? "CRC32(CONCAT_WS(',', " + Sql.columns(alias, table.keyColumns()) + ")) < " + threshold
                    : "(hashtext(ROW(" + Sql.columns(alias, table.keyColumns())
                            + ")::text)::bigint + 2147483648) < " + threshold);
        }
        // No DISTINCT: a table's key (its primary key, or the row's address) names each of its rows once.
        String sql = "INSERT INTO " + keepTable(table) + " SELECT " + Sql.columns(alias, table.keyColumns())
                + ", " + (++generation) + ", true FROM " + table.sql() + " AS " + alias
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + upsert(table);
        // A plain statement: the driver would take a '?' in the user's condition for a parameter.
        grew(table, Sql.update(connection, sql), sql);
    }

    private int apply(Rule rule) throws SQLException {
        String sql = rule.direction() == Direction.UP
                ? upward(rule.key(), reachedDownward.getOrDefault(rule.key(), List.of()))
                : downward(rule.key());
        int read = lastRead.getOrDefault(rule, 0);
        generation++;
        int added;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, generation);
            statement.setInt(2, read);
            added = statement.executeUpdate();
        }
        lastRead.put(rule, generation - 1);
        if (rule.direction() == Direction.DOWN && added > 0) {
            reachedDownward.computeIfAbsent(rule.key(), key -> new ArrayList<>()).add(generation);
        }
        grew(rule.target(), added, sql);
        return added;
    }

    /**
     * Parents of kept child rows. The child table is joined only when the key's columns are not all in the keep
     * table, the parent table only when the database does not guarantee the parent exists. Rows that the downward
     * rule of the same key added (the generations {@code downward}) are skipped: their parent through that key is the
     * kept row they were reached from, and reading them again would join every one of them (a scan of the child
     * table) to add nothing.
     */
    private String upward(ForeignKey key, List<Integer> downward) {
        Table child = key.child();
        Table parent = key.parent();
        List<String> childSide = new ArrayList<>();
        key.columns().forEach(column -> childSide.add(keyOrRow(child, column, "c")));
        boolean joinChild = !child.keyColumns().containsAll(key.columns());
        boolean joinParent = !key.validated() || !key.referencedColumns().containsAll(parent.keyColumns());
        List<String> parentKey = new ArrayList<>();
        for (String column : parent.keyColumns()) {
            parentKey.add(joinParent
                    ? "p." + Sql.quote(column)
                    : childSide.get(key.referencedColumns().indexOf(column)));
        }
        return (mariaDb ? "INSERT IGNORE INTO " : "INSERT INTO ") + keepTable(parent) + " SELECT DISTINCT "
                + String.join(", ", parentKey)
                + ", ?, false FROM " + keepTable(child) + " s"
                + (joinChild ? joinOnKey(child, "c") : "")
                + (joinParent
                        ? " JOIN " + parent.sql() + " p ON "
                                + Sql.equal(Sql.qualified("p", key.referencedColumns()), childSide)
                        : "")
                + " WHERE s.gen > ?" + (downward.isEmpty()
                        ? ""
                        : " AND s.gen NOT IN (" + downward.stream().map(
                                String::valueOf).collect(Collectors.joining(", ")) + ")")
                + (joinParent ? "" : " AND " + Sql.notNull(childSide))
                + (mariaDb ? "" : " ON CONFLICT DO NOTHING");
    }

    /** Children of rows reached downward; the parent table is joined only when the key's columns are not its key. */
    private String downward(ForeignKey key) {
        Table child = key.child();
        Table parent = key.parent();
        List<String> parentSide = new ArrayList<>();
        key.referencedColumns().forEach(column -> parentSide.add(keyOrRow(parent, column, "p")));
        boolean joinParent = !parent.keyColumns().containsAll(key.referencedColumns());
        // A child row matches at most one kept parent when the key references unique columns (a declared foreign key
        // does; a virtual key does when it names the parent's key): then DISTINCT would only sort what is unique.
        boolean oncePerChild = key.declared() || !joinParent && key.referencedColumns().containsAll(parent
                .keyColumns());
        return "INSERT INTO " + keepTable(child) + " SELECT " + (oncePerChild ? "" : "DISTINCT ") + Sql.columns("c",
                child.keyColumns())
                + ", ?, true FROM " + keepTable(parent) + " s" + (joinParent ? joinOnKey(parent, "p") : "")
                + " JOIN " + child.sql() + " c ON " + Sql.equal(Sql.qualified("c", key.columns()), parentSide)
                + " WHERE s.down AND s.gen > ?" + upsert(child);
    }

    /** A row added again downward is stamped anew so the downward rules read it; otherwise it stays. */
    private String upsert(Table table) {
        String keep = keepTable(table);
        if (mariaDb) {
            // Left to right: gen is set while down still holds its old value.
            return " ON DUPLICATE KEY UPDATE " + keep + ".gen = IF(" + keep + ".down, " + keep + ".gen, VALUES(gen)), "
                    + keep + ".down = true";
        }
        return " ON CONFLICT (" + keys(table) + ") DO UPDATE SET gen = EXCLUDED.gen, down = true WHERE NOT " + keep
                + ".down";
    }

    private String joinOnKey(Table table, String alias) {
        return " JOIN " + table.sql() + " " + alias + " ON "
                + Sql.equal(Sql.qualified(alias, table.keyColumns()), keepColumns("s", table));
    }

    /** A column of a table as read through the keep table {@code s} when it is a key column, else from the row. */
    private static String keyOrRow(Table table, String column, String rowAlias) {
        int position = table.keyColumns().indexOf(column);
        return position >= 0 ? "s.k" + (position + 1) : rowAlias + "." + Sql.quote(column);
    }

    private void grew(Table table, long added, String sql) throws SQLException {
        LOG.debugf("%d rows: %s", added, sql);
        String name = table.displayName();
        long size = sizes.merge(name, added, Long::sum);
        if (size >= ANALYZE_FROM && size >= 2 * analysedAt.getOrDefault(name, 0L)) {
            Sql.execute(connection, (mariaDb ? "ANALYZE TABLE " : "ANALYZE ") + keepTable(table));
            analysedAt.put(name, size);
        }
    }

    private String keepTable(Table table) {
        return keepTables.get(table.displayName());
    }

    private static String keyAs(Table table) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < table.keyColumns().size(); i++) {
            columns.add("t." + Sql.quote(table.keyColumns().get(i)) + " AS k" + (i + 1));
        }
        return String.join(", ", columns);
    }

    private static String keys(Table table) {
        return String.join(", ", keepColumns(null, table));
    }

    private static List<String> keepColumns(String alias, Table table) {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= table.keyColumns().size(); i++) {
            columns.add(alias == null ? "k" + i : alias + ".k" + i);
        }
        return columns;
    }
}
