package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What subsetting needs to know of a database, read from {@code pg_catalog}: its tables (columns, primary key, row
 * estimate, size) and the foreign keys between them, with their column lists in order.
 *
 * <p>
 * Tables are those of every schema but the system ones, partitioned tables as one table (their partitions are not
 * listed: a DELETE on the parent reaches them). A table is named {@code name} when it lives in {@code public} and
 * {@code schema.name} otherwise.
 */
public final class SubsetSchema {

    private static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname, c.relkind = 'p' AS partitioned, c.reltuples::bigint AS estimate,
                   CASE WHEN c.relkind = 'p'
                        THEN (SELECT coalesce(sum(pg_table_size(part.relid)), 0) FROM pg_partition_tree(c.oid) part)
                        ELSE pg_table_size(c.oid) END AS size,
                   (SELECT array_agg(a.attname::text ORDER BY k.i)
                      FROM pg_constraint pk, unnest(pk.conkey) WITH ORDINALITY k(attnum, i)
                      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                     WHERE pk.conrelid = c.oid AND pk.contype = 'p') AS primary_key
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
            """;

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
             ORDER BY a.attrelid, a.attnum
            """;

    // Constraints a partition inherits from its parent (conparentid) are the parent's constraint again.
    private static final String FOREIGN_KEYS = """
            SELECT f.conname, f.conrelid, f.confrelid, f.convalidated,
                   (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(f.conkey) WITH ORDINALITY k(attnum, i)
                      JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum) AS columns,
                   (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(f.confkey) WITH ORDINALITY k(attnum, i)
                      JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.attnum) AS referenced
              FROM pg_constraint f
             WHERE f.contype = 'f' AND f.conparentid = 0
             ORDER BY f.conrelid, f.conname
            """;

    private static final String MARIADB_TABLES = "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, -1), "
            + "COALESCE(DATA_LENGTH + INDEX_LENGTH, 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
            + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";

    private static final String MARIADB_COLUMNS = "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES' "
            + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION";

    private static final String MARIADB_KEYS = "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, "
            + "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
            + "WHERE TABLE_SCHEMA = DATABASE() AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_SCHEMA = DATABASE()) "
            + "ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION";

    private final Map<String, Table> tables;
    private final List<ForeignKey> foreignKeys;

    SubsetSchema(Collection<Table> tables, List<ForeignKey> foreignKeys) {
        this.tables = new TreeMap<>();
        tables.forEach(table -> this.tables.put(table.displayName(), table));
        this.foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * Reads the schema of the database the connection is on.
     *
     * @throws SQLException when the catalog cannot be read
     */
    public static SubsetSchema read(Connection connection) throws SQLException {
        if (Sql.mariaDb(connection)) {
            return readMariaDb(connection);
        }
        try (Statement statement = connection.createStatement()) {
            Map<Long, List<Column>> columns = readColumns(statement);
            Map<Long, Table> byOid = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(TABLES)) {
                while (rows.next()) {
                    long oid = rows.getLong(1);
                    byOid.put(oid, new Table(rows.getString(2), rows.getString(3),
                            columns.getOrDefault(oid, List.of()), names(rows, 7), rows.getLong(5), rows.getLong(6),
                            rows.getBoolean(4)));
                }
            }
            List<ForeignKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(FOREIGN_KEYS)) {
                while (rows.next()) {
                    Table child = byOid.get(rows.getLong(2));
                    Table parent = byOid.get(rows.getLong(3));
                    if (child != null && parent != null) {
                        keys.add(new ForeignKey(rows.getString(1), child, names(rows, 5), parent, names(rows, 6),
                                true, rows.getBoolean(4)));
                    }
                }
            }
            return new SubsetSchema(byOid.values(), keys);
        }
    }

    /**
     * Reads a MariaDB database's schema, the connection's current database, from {@code information_schema}, and sets
     * the session to read double-quoted identifiers. Its tables have no schema ({@link Table#CURRENT_DATABASE}): they
     * are named by their name alone.
     */
    private static SubsetSchema readMariaDb(Connection connection) throws SQLException {
        // The session reads the double-quoted names of every statement subsetting makes of this schema.
        Sql.speakAnsi(connection);
        try (Statement statement = connection.createStatement()) {
            Map<String, List<Column>> columns = new HashMap<>();
            try (ResultSet rows = statement.executeQuery(MARIADB_COLUMNS)) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), table -> new ArrayList<>()).add(new Column(rows
                            .getString(2), rows.getString(3), rows.getBoolean(4)));
                }
            }
            Map<String, List<String>> primaryKeys = new HashMap<>();
            Map<String, List<String[]>> foreignKeys = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(MARIADB_KEYS)) {
                while (rows.next()) {
                    if ("PRIMARY".equals(rows.getString(2))) {
                        primaryKeys.computeIfAbsent(rows.getString(1), table -> new ArrayList<>()).add(rows
                                .getString(3));
                    } else if (rows.getString(4) != null) {
                        foreignKeys
                                .computeIfAbsent(rows.getString(1) + "\u0000" + rows.getString(2),
                                        key -> new ArrayList<>())
                                .add(new String[]{rows.getString(3), rows.getString(4), rows
                                        .getString(5)});
                    }
                }
            }
            Map<String, Table> byName = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(MARIADB_TABLES)) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    byName.put(name, new Table(Table.CURRENT_DATABASE, name, columns.getOrDefault(name, List.of()),
                            primaryKeys.getOrDefault(name, List.of()), rows.getLong(2), rows.getLong(3), false));
                }
            }
            List<ForeignKey> keys = new ArrayList<>();
            foreignKeys.forEach((key, parts) -> {
                Table child = byName.get(key.substring(0, key.indexOf('\u0000')));
                Table parent = byName.get(parts.get(0)[1]);
                if (child != null && parent != null) {
                    keys.add(new ForeignKey(key.substring(key.indexOf('\u0000') + 1), child, parts.stream().map(
                            part -> part[0]).toList(), parent, parts.stream().map(part -> part[2]).toList(), true,
                            true));
                }
            });
            return new SubsetSchema(byName.values(), keys);
        }
    }

    private static Map<Long, List<Column>> readColumns(Statement statement) throws SQLException {
        Map<Long, List<Column>> columns = new HashMap<>();
        try (ResultSet rows = statement.executeQuery(COLUMNS)) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                        .add(new Column(rows.getString(2), rows.getString(3), !rows.getBoolean(4)));
            }
        }
        return columns;
    }

    private static List<String> names(ResultSet rows, int column) throws SQLException {
        java.sql.Array array = rows.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** Every table, by name. */
    public Collection<Table> tables() {
        return tables.values();
    }

    /** The names of every table, sorted. */
    public List<String> tableNames() {
        return List.copyOf(tables.keySet());
    }

    /**
     * A table by name: {@code schema.table}, or {@code table} alone when it lives in {@code public} or is the only
     * table of that name.
     */
    public Optional<Table> table(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Table exact = tables.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        List<Table> named = tables.values().stream().filter(table -> table.name().equals(name)).toList();
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        // MariaDB's names keep their case (Customer), which a request may not (customer): one that differs in case
        // only is taken when it is the only one.
        List<Table> folded = tables.values().stream().filter(table -> table.schema().equals(Table.CURRENT_DATABASE)
                && table.name().equalsIgnoreCase(name)).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    /** Every declared foreign key between two of the tables. */
    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /**
     * A column of a table.
     *
     * @param name its name
     * @param type its type as {@code format_type} writes it
     * @param nullable whether it may hold NULL
     */
    public record Column(String name, String type, boolean nullable) {
    }

    /**
     * A table.
     *
     * @param schema its schema
     * @param name its name in the schema
     * @param columns its columns in order
     * @param primaryKey its primary key columns in order, empty when it has none
     * @param estimatedRows the planner's row count ({@code pg_class.reltuples}), -1 when never analysed
     * @param sizeBytes its size on disk, TOAST and partitions included
     * @param partitioned whether it is a partitioned table
     */
    public record Table(String schema, String name, List<Column> columns, List<String> primaryKey, long estimatedRows,
            long sizeBytes, boolean partitioned) {

        /** The schema of a MariaDB table: the connection's current database, named by nothing. */
        public static final String CURRENT_DATABASE = "";

        /** Copies the lists. */
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }

        /** {@code name} in {@code public} (or MariaDB's current database), {@code schema.name} elsewhere. */
        public String displayName() {
            return "public".equals(schema) || CURRENT_DATABASE.equals(schema) ? name : schema + "." + name;
        }

        /** The quoted, schema-qualified name for SQL (MariaDB's: the name alone). */
        public String sql() {
            return CURRENT_DATABASE.equals(schema) ? Sql.quote(name) : Sql.quote(schema) + "." + Sql.quote(name);
        }

        /** A column by name. */
        public Optional<Column> column(String columnName) {
            return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
        }

        /**
         * The columns a keep set records for each row: the primary key, or the physical row address ({@code ctid},
         * with {@code tableoid} for a partitioned table, whose partitions each number their rows) when there is none.
         */
        public List<String> keyColumns() {
            if (!primaryKey.isEmpty()) {
                return primaryKey;
            }
            if (CURRENT_DATABASE.equals(schema)) {
                throw new SubsetError("roots", "MariaDB table " + name + " has no primary key, and a MariaDB row has "
                        + "no address to keep it by; add a primary key to it in the source, or choose roots that "
                        + "do not reach it.");
            }
            return partitioned ? List.of("tableoid", "ctid") : List.of("ctid");
        }

        @Override
        public String toString() {
            return displayName();
        }
    }

    /**
     * A reference from rows of one table to rows of another: a declared foreign key, or a virtual key a request names.
     *
     * @param name the constraint's name, or a name made of the virtual key's tables and columns
     * @param child the referencing table
     * @param columns the referencing columns, in order
     * @param parent the referenced table
     * @param referencedColumns the referenced columns, in the order matching {@code columns}
     * @param declared whether the database declares it (a foreign key) rather than the request (a virtual key)
     * @param validated whether the database guarantees every existing row satisfies it (declared and not NOT VALID)
     */
    public record ForeignKey(String name, Table child, List<String> columns, Table parent,
            List<String> referencedColumns, boolean declared, boolean validated) {

        /** Copies the lists. */
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        /** Whether every referencing column may hold NULL, so a row can stop referencing anything. */
        public boolean optional() {
            return columns.stream().allMatch(column -> child.column(column).map(Column::nullable).orElse(false));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
