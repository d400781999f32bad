package io.strata.masking.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.strata.masking.postgres.ColumnSchema;
import io.strata.masking.postgres.DatabaseSchema;
import io.strata.masking.postgres.ForeignKey;
import io.strata.masking.postgres.IndexSchema;
import io.strata.masking.postgres.KeyConstraint;
import io.strata.masking.postgres.TableSchema;

/**
 * Reads the schema of a MariaDB (or MySQL) database, the connection's current one, from
 * {@code information_schema}: its base tables, their columns, keys, indexes and foreign keys.
 * <p>
 * Its tables are named as PostgreSQL names the tables of the {@code public} schema, by their name alone, so that one
 * ruleset names the same table in both engines ({@code customer.email} finds {@code Customer.Email} too: a name that
 * differs in case only is taken when it is the only one). Column types are given PostgreSQL's catalog names
 * ({@code int4}, {@code numeric}, {@code timestamp} ...), so each algorithm accepts or refuses a column as it would in
 * PostgreSQL; the text forms of the values agree between the engines for the types masking reads, which is what makes
 * the same input give the same masked value in both.
 */
public final class MariaDbSchemaReader {

    /** The schema name tables get: the one a rule's unqualified table name means. */
    static final String SCHEMA = "public";

    private static final String TABLES = "select TABLE_NAME, coalesce(TABLE_ROWS, -1) from information_schema.TABLES "
            + "where TABLE_SCHEMA = database() and TABLE_TYPE = 'BASE TABLE' order by TABLE_NAME";

    private static final String COLUMNS = "select TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, "
            + "IS_NULLABLE = 'YES', coalesce(GENERATION_EXPRESSION, '') <> '' or EXTRA like '%GENERATED%' "
            + "from information_schema.COLUMNS where TABLE_SCHEMA = database() order by TABLE_NAME, ORDINAL_POSITION";

    private static final String INDEXES = "select TABLE_NAME, INDEX_NAME, NON_UNIQUE = 0, COLUMN_NAME, SUB_PART "
            + "from information_schema.STATISTICS where TABLE_SCHEMA = database() "
            + "order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

    private static final String FOREIGN_KEYS = "select k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, "
            + "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME from information_schema.KEY_COLUMN_USAGE k "
            + "where k.TABLE_SCHEMA = database() and k.REFERENCED_TABLE_NAME is not null "
            + "and k.REFERENCED_TABLE_SCHEMA = database() order by k.TABLE_NAME, k.CONSTRAINT_NAME, "
            + "k.ORDINAL_POSITION";

    /** MariaDB's type names and the PostgreSQL catalog names the algorithms know them by. */
    private static final Map<String, String> CATALOG_TYPES = Map.ofEntries(Map.entry("tinyint", "int2"), Map.entry(
            "smallint", "int2"), Map.entry("mediumint", "int4"), Map.entry("int", "int4"),
            Map.entry("bigint",
                    "int8"),
            Map.entry("decimal", "numeric"), Map.entry("float", "float4"), Map.entry("double",
                    "float8"),
            Map.entry("char", "bpchar"), Map.entry("varchar", "varchar"), Map.entry(
                    "tinytext", "text"),
            Map.entry("text", "text"), Map.entry("mediumtext",
                    "text"),
            Map.entry("longtext", "text"), Map.entry("datetime",
                    "timestamp"),
            Map.entry("timestamp", "timestamp"));

    private MariaDbSchemaReader() {
    }

    /** Whether the connection is to a MariaDB (or MySQL) server. */
    public static boolean isMariaDb(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return "MariaDB".equalsIgnoreCase(product) || "MySQL".equalsIgnoreCase(product);
    }

    /** The current database's schema. */
    public static DatabaseSchema read(Connection connection) throws SQLException {
        Map<String, Long> rowEstimates = new LinkedHashMap<>();
        query(connection, TABLES, row -> rowEstimates.put(row.getString(1), row.getLong(2)));
        Map<String, List<ColumnSchema>> columns = new LinkedHashMap<>();
        query(connection, COLUMNS, row -> {
            String type = row.getString(3).toLowerCase(Locale.ROOT);
            String catalogType = CATALOG_TYPES.getOrDefault(type, type);
            boolean character = "varchar".equals(catalogType) || "bpchar".equals(catalogType);
            long length = row.getLong(4);
            columns.computeIfAbsent(row.getString(1), table -> new ArrayList<>()).add(new ColumnSchema(row.getString(
                    2), catalogType, character && length > 0 ? Integer.valueOf((int) length) : null, row.getBoolean(5),
                    row.getBoolean(6), character || "text".equals(catalogType)));
        });
        Map<String, Map<String, IndexSchema>> indexes = indexes(connection);
        Map<String, List<ForeignKey>> foreignKeys = foreignKeys(connection);
        List<TableSchema> tables = new ArrayList<>();
        List<ForeignKey> allForeignKeys = new ArrayList<>();
        rowEstimates.forEach((table, rows) -> {
            List<KeyConstraint> keys = new ArrayList<>();
            List<IndexSchema> tableIndexes = new ArrayList<>();
            indexes.getOrDefault(table, Map.of()).values().forEach(index -> {
                if ("PRIMARY".equals(index.name())) {
                    keys.add(new KeyConstraint(index.name(), KeyConstraint.Kind.PRIMARY_KEY, index.columns(), index
                            .definition(), false, null));
                }
                tableIndexes.add(index);
            });
            List<ForeignKey> leaving = foreignKeys.getOrDefault(table, List.of());
            allForeignKeys.addAll(leaving);
            tables.add(new TableSchema(SCHEMA, table, columns.getOrDefault(table, List.of()), keys, tableIndexes,
                    leaving, rows, List.of()));
        });
        return new DatabaseSchema(tables, List.of(), allForeignKeys);
    }

    /**
     * The indexes of each table; a unique index other than the primary key is a plain unique index (MariaDB has no
     * constraint apart from its index), and its definition is its column list as {@code ADD UNIQUE INDEX} takes it.
     */
    private static Map<String, Map<String, IndexSchema>> indexes(Connection connection) throws SQLException {
        Map<String, Map<String, List<String[]>>> parts = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        query(connection, INDEXES, row -> {
            String subPart = row.getString(5);
            parts.computeIfAbsent(row.getString(1), table -> new LinkedHashMap<>()).computeIfAbsent(row.getString(2),
                    index -> new ArrayList<>()).add(new String[]{row.getString(4), subPart});
            unique.put(row.getString(1) + "/" + row.getString(2), row.getBoolean(3));
        });
        Map<String, Map<String, IndexSchema>> indexes = new LinkedHashMap<>();
        parts.forEach((table, byName) -> byName.forEach((name, columns) -> {
            List<String> names = columns.stream().map(part -> part[0]).toList();
            String definition = String.join(", ", columns.stream().map(part -> MariaDbSql.quote(part[0])
                    + (part[1] == null ? "" : "(" + part[1] + ")")).toList());
            boolean isUnique = unique.get(table + "/" + name);
            indexes.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(name, new IndexSchema(name, names,
                    isUnique, "PRIMARY".equals(name), false, false, false, definition, null));
        }));
        return indexes;
    }

    private static Map<String, List<ForeignKey>> foreignKeys(Connection connection) throws SQLException {
        Map<String, List<String[]>> parts = new LinkedHashMap<>();
        query(connection, FOREIGN_KEYS, row -> parts.computeIfAbsent(row.getString(1) + "\u0000" + row.getString(2),
                key -> new ArrayList<>()).add(new String[]{row.getString(3), row.getString(4), row.getString(5)}));
        Map<String, List<ForeignKey>> byTable = new LinkedHashMap<>();
        parts.forEach((key, columns) -> {
            String table = key.substring(0, key.indexOf('\u0000'));
            String name = key.substring(key.indexOf('\u0000') + 1);
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new ForeignKey(name, table, MariaDbSql.quote(
                    table), columns.stream().map(part -> part[0]).toList(), columns.get(0)[1],
                    columns.stream().map(
                            part -> part[2]).toList(),
                    false, true, null, null));
        });
        return byTable;
    }

    /** What is done with each row of a query. */
    @FunctionalInterface
    private interface RowHandler {

        void handle(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                handler.handle(row);
            }
        }
    }
}
