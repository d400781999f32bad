package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;

/**
 * The tables a subset rewrites rather than deletes from: those that keep at most half their rows, whose kept rows are
 * copied aside, the tables truncated together and the rows put back. Deleting most of a table writes a log record
 * for every row deleted and touches every page, which in a copy-on-write clone makes the whole table the clone's own;
 * a rewrite writes what is kept into new files and lets the old ones, shared with the snapshot, go.
 *
 * <p>
 * A table is rewritten only when the connection may {@code TRUNCATE} it, it is an ordinary table outside any
 * inheritance or partitioning, and every table whose foreign keys reference it is rewritten too ({@code TRUNCATE}
 * refuses to leave a reference to an emptied table). Triggers do not fire (the subset runs under
 * {@code session_replication_role = replica}), generated columns are computed again and identity values are kept.
 * Every other table loses its other rows by {@code DELETE}, as before.
 */
final class TableRewrites {

    /** A table keeping more than this share of its rows is cheaper to delete from. */
    static final double REWRITE_AT_MOST = 0.5;

    private static final String ELIGIBLE = "SELECT c.relkind = 'r' AND NOT c.relhassubclass AND NOT EXISTS "
            + "(SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AND has_table_privilege(c.oid, 'TRUNCATE') "
            + "FROM pg_class c WHERE c.oid = ?::regclass";
    private static final String STORED_COLUMNS = "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass "
            + "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum";

    private final Connection connection;
    private final KeepSets keep;

    TableRewrites(Connection connection, KeepSets keep) {
        this.connection = connection;
        this.keep = keep;
    }

    /**
     * The related tables to rewrite: those keeping at most half their rows that may be truncated, less any that a
     * table outside the set references, until none is left that would be.
     */
    Set<Table> choose(List<Table> related, Map<String, Long> before, Map<String, Long> kept, List<ForeignKey> keys)
            throws SQLException {
        Set<Table> chosen = new LinkedHashSet<>();
        for (Table table : related) {
            long rows = before.getOrDefault(table.displayName(), 0L);
            if (rows > 0 && kept.getOrDefault(table.displayName(), 0L) <= rows * REWRITE_AT_MOST && eligible(
                    table)) {
                chosen.add(table);
            }
        }
        boolean removed;
        do {
            removed = false;
            for (ForeignKey key : keys) {
                if (key.declared() && chosen.contains(key.parent()) && !chosen.contains(key.child())) {
                    chosen.remove(key.parent());
                    removed = true;
                }
            }
        } while (removed);
        return chosen;
    }

    /** Copies the kept rows of the tables aside, truncates them in one statement and puts the rows back. */
    void rewrite(Set<Table> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        Map<Table, String> copies = new LinkedHashMap<>();
        Map<Table, String> columns = new LinkedHashMap<>();
        for (Table table : tables) {
            String copy = "strata_kept_" + (copies.size() + 1);
            List<String> stored = storedColumns(table);
            String list = String.join(", ", stored.stream().map(Sql::quote).toList());
            Sql.update(connection, "CREATE TEMP TABLE " + copy + " ON COMMIT DROP AS " + keep.keptRows(table,
                    Sql.columns("t", stored)));
            copies.put(table, copy);
            columns.put(table, list);
        }
        Sql.update(connection, "TRUNCATE " + String.join(", ", tables.stream().map(Table::sql).toList()));
        for (Map.Entry<Table, String> copy : copies.entrySet()) {
            String list = columns.get(copy.getKey());
            Sql.update(connection, "INSERT INTO " + copy.getKey().sql() + " (" + list + ") OVERRIDING SYSTEM VALUE "
                    + "SELECT " + list + " FROM " + copy.getValue());
        }
        Sql.update(connection, "DROP TABLE " + String.join(", ", copies.values()));
    }

    private boolean eligible(Table table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ELIGIBLE)) {
            statement.setString(1, table.sql());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private List<String> storedColumns(Table table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(STORED_COLUMNS)) {
            statement.setString(1, table.sql());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
