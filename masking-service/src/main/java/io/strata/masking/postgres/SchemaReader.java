package io.strata.masking.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database's schema from the catalog: its ordinary tables and materialized views outside the system schemas,
 * their columns, keys, indexes and foreign keys. One pass of four queries, whatever the number of tables.
 */
public final class SchemaReader {

    /** The schemas PostgreSQL owns: {@code pg_catalog}, {@code pg_toast}, temporary ones, information_schema. */
    private static final String USER_SCHEMA = "n.nspname !~ '^pg_' and n.nspname <> 'information_schema'";

    private static final String RELATIONS = "select c.oid, n.nspname, c.relname, c.relkind, c.reltuples::bigint, "
            + "array(select case when an.nspname = 'public' then a.relname else an.nspname || '.' || a.relname end "
            + "from pg_partition_ancestors(c.oid) with ordinality p(relid, i) join pg_class a on a.oid = p.relid "
            + "join pg_namespace an on an.oid = a.relnamespace where p.relid <> c.oid order by p.i) "
            + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'm') and "
            + USER_SCHEMA + " order by n.nspname, c.relname";

    private static final String COLUMNS = "select a.attrelid, a.attname, t.typname, "
            + "case when t.typname in ('varchar', 'bpchar') and a.atttypmod > 4 then a.atttypmod - 4 end, "
            + "not a.attnotnull, a.attgenerated <> '', "
            + "coalesce(t.typcategory = 'S' or t.typname in ('json', 'jsonb', 'xml') "
            + "or e.typcategory = 'S' or e.typname in ('json', 'jsonb', 'xml'), false) "
            + "from pg_attribute a join pg_class c on c.oid = a.attrelid "
            + "join pg_namespace n on n.oid = c.relnamespace join pg_type t on t.oid = a.atttypid "
            + "left join pg_type e on e.oid = t.typelem and t.typcategory = 'A' "
            + "where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'm') and " + USER_SCHEMA
            + " order by a.attrelid, a.attnum";

    private static final String CONSTRAINTS = "select k.conrelid, k.conname, k.contype, n.nspname, c.relname, "
            + columnNames("k.conkey", "k.conrelid") + ", fn.nspname, f.relname, "
            + columnNames("k.confkey", "k.confrelid") + ", k.condeferrable, k.convalidated, "
            + "pg_get_constraintdef(k.oid), k.conparentid <> 0, obj_description(k.oid, 'pg_constraint') "
            + "from pg_constraint k join pg_class c on c.oid = k.conrelid "
            + "join pg_namespace n on n.oid = c.relnamespace left join pg_class f on f.oid = k.confrelid "
            + "left join pg_namespace fn on fn.oid = f.relnamespace "
            + "where k.contype in ('p', 'u', 'x', 'f') and " + USER_SCHEMA
            + " order by n.nspname, c.relname, k.conname";

    private static final String INDEXES = "select i.indrelid, x.relname, i.indisunique, i.indisclustered, "
            + "i.indisreplident, pg_get_indexdef(i.indexrelid), "
            + "exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid "
            + "and k.contype in ('p', 'u', 'x')), "
            + "exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid), "
            + "array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality u(n, p) "
            + "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.n where u.p <= i.indnkeyatts "
            + "order by u.p), obj_description(i.indexrelid, 'pg_class') "
            + "from pg_index i join pg_class x on x.oid = i.indexrelid join pg_class c on c.oid = i.indrelid "
            + "join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'm') and " + USER_SCHEMA
            + " order by x.relname";

    private SchemaReader() {
    }

    /** The schema of the database the factory connects to. */
    public static DatabaseSchema read(ConnectionFactory connections) throws SQLException {
        try (Connection connection = connections.open()) {
            return read(connection);
        }
    }

    /** The schema of the database the connection is on. */
    public static DatabaseSchema read(Connection connection) throws SQLException {
        Map<Long, Relation> relations = new LinkedHashMap<>();
        query(connection, RELATIONS, row -> relations.put(row.getLong(1), new Relation(row.getString(2), row
                .getString(3), row.getString(4).equals("m"), row.getLong(5), strings(row.getArray(6)))));
        query(connection, COLUMNS, row -> relations.get(row.getLong(1)).columns.add(new ColumnSchema(row.getString(
                2), row.getString(3), (Integer) row.getObject(4), row.getBoolean(5), row.getBoolean(6),
                row
                        .getBoolean(7))));
        List<ForeignKey> foreignKeys = new ArrayList<>();
        query(connection, CONSTRAINTS, row -> readConstraint(row, relations, foreignKeys));
        query(connection, INDEXES, row -> relations.get(row.getLong(1)).indexes.add(new IndexSchema(row.getString(
                2), strings(row.getArray(9)), row.getBoolean(3), row.getBoolean(7), row.getBoolean(8),
                row
                        .getBoolean(4),
                row.getBoolean(5), row.getString(6), row.getString(10))));
        List<TableSchema> tables = new ArrayList<>();
        List<TableSchema> views = new ArrayList<>();
        relations.values().forEach(relation -> (relation.materialized ? views : tables).add(relation.toSchema()));
        return new DatabaseSchema(tables, views, foreignKeys);
    }

    private static void readConstraint(ResultSet row, Map<Long, Relation> relations, List<ForeignKey> foreignKeys)
            throws SQLException {
        Relation relation = relations.get(row.getLong(1));
        String type = row.getString(3);
        boolean inherited = row.getBoolean(13);
        if (!type.equals("f")) {
            if (relation != null) {
                KeyConstraint.Kind kind = switch (type) {
                    case "p" -> KeyConstraint.Kind.PRIMARY_KEY;
                    case "u" -> KeyConstraint.Kind.UNIQUE;
                    default -> KeyConstraint.Kind.EXCLUSION;
                };
                relation.keys.add(new KeyConstraint(row.getString(2), kind, strings(row.getArray(6)), row.getString(
                        12), inherited, row.getString(14)));
            }
            return;
        }
        if (inherited) {
            // A partition's copy of its parent's foreign key: it goes and comes back with the parent's.
            return;
        }
        String table = displayName(row.getString(4), row.getString(5));
        ForeignKey foreignKey = new ForeignKey(row.getString(2), table, Sql.quote(row.getString(4)) + "." + Sql
                .quote(row.getString(5)), strings(row.getArray(6)), displayName(row.getString(7), row.getString(8)),
                strings(row.getArray(9)), row.getBoolean(10), row.getBoolean(11), row.getString(12), row.getString(
                        14));
        foreignKeys.add(foreignKey);
        if (relation != null) {
            relation.foreignKeys.add(foreignKey);
        }
    }

    private static String columnNames(String attnums, String relation) {
        return "array(select a.attname::text from unnest(" + attnums + ") with ordinality u(n, p) "
                + "join pg_attribute a on a.attrelid = " + relation + " and a.attnum = u.n order by u.p)";
    }

    private static String displayName(String schema, String name) {
        return "public".equals(schema) ? name : schema + "." + name;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static void query(Connection connection, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement
                        .executeQuery()) {
            while (row.next()) {
                reader.read(row);
            }
        }
    }

    @FunctionalInterface
    private interface RowReader {

        void read(ResultSet row) throws SQLException;
    }

    /** A table or materialized view while its parts are read. */
    private static final class Relation {

        private final String schema;
        private final String name;
        private final boolean materialized;
        private final long rowEstimate;
        private final List<String> partitionOf;
        private final List<ColumnSchema> columns = new ArrayList<>();
        private final List<KeyConstraint> keys = new ArrayList<>();
        private final List<IndexSchema> indexes = new ArrayList<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();

        Relation(String schema, String name, boolean materialized, long rowEstimate, List<String> partitionOf) {
            this.schema = schema;
            this.name = name;
            this.materialized = materialized;
            this.rowEstimate = rowEstimate;
            this.partitionOf = partitionOf;
        }

        TableSchema toSchema() {
            return new TableSchema(schema, name, columns, keys, indexes, foreignKeys, rowEstimate, partitionOf);
        }
    }
}
