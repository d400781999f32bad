package io.strata.masking.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What it takes to mask a table by building a new one and swapping it in: which tables that is safe for, what of the
 * old table must be carried over, and the statements that do it. The new table is created, loaded, swapped in and
 * given everything back in one transaction, so a failure at any step rolls back to the old table, whole, and leaves
 * no new one behind.
 * <p>
 * A table whose identity matters beyond its name is not rebuilt: dependent views and rules (they would hold on to the
 * old table), its row type used by another object, inheritance parents or children (partitions included), membership
 * in a publication or an extension, a typed table, security labels, column privileges, extended statistics, privileges
 * granted by someone other than its owner, event triggers that would fire on the swap; nor when the masking role is
 * not a superuser (it could not give the table back its owner). Those tables are rewritten in place, as before.
 * {@link #obstacle} names the reason; anything else that depends on the table is a reason too, so what is not known
 * to be carried over keeps the table in place.
 * <p>
 * Carried over: the columns with their types, collations, defaults, identities (and the sequence's name and
 * position), generated expressions, storage, compression, comments, statistics targets and options; sequences owned
 * by a column; check constraints (valid ones before the load, so each row is checked as it arrives; {@code NOT VALID}
 * ones after); the foreign keys that stay (added to the empty table before the load: as superuser, the load skips
 * their checks, which the unchanged bytes of their columns make needless); the owner, privileges and comment; the
 * access method, tablespace, storage parameters (the TOAST table's too), persistence (an unlogged table stays
 * unlogged, a logged one stays logged), replica identity; row security and its policies; triggers with their enabled
 * state and comments. Keys and indexes are built after the load by the caller, as for a rewrite in place.
 */
final class TableRebuild {

    /** The masked table's oid as a one-row relation {@code target(oid)} the queries below join. */
    private static final String TARGET = "with target(oid) as (select ?::regclass::oid) ";

    private static final String OBSTACLES = TARGET + "select distinct reason from ("
            + "select 'it has inheritance parents or children' where exists (select 1 from pg_inherits, target "
            + "where inhrelid = target.oid or inhparent = target.oid) "
            + "union all select 'it is a typed table' from pg_class c, target where c.oid = target.oid and "
            + "c.reloftype <> 0 "
            + "union all select 'it belongs to an extension' where exists (select 1 from pg_depend d, target where "
            + "d.classid = 'pg_class'::regclass and d.objid = target.oid and d.deptype = 'e') "
            + "union all select 'it has security labels' where exists (select 1 from pg_seclabel s, target where "
            + "s.classoid = 'pg_class'::regclass and s.objoid = target.oid) "
            + "union all select 'it has column privileges' where exists (select 1 from pg_attribute a, target where "
            + "a.attrelid = target.oid and a.attacl is not null) "
            + "union all select 'privileges on it were granted by a role other than its owner' where exists "
            + "(select 1 from pg_class c, target, aclexplode(c.relacl) a where c.oid = target.oid and "
            + "a.grantor <> c.relowner) "
            // With session_replication_role = replica, only these fire on the rebuild's CREATE, DROP and ALTER.
            + "union all select 'event trigger ' || evtname || ' would fire on the swap' from pg_event_trigger "
            + "where evtenabled in ('A', 'R') "
            + "union all select 'its row type is used by ' || pg_describe_object(d.classid, d.objid, d.objsubid) "
            + "from target join pg_class c on c.oid = target.oid join pg_type t on t.oid = c.reltype "
            + "join pg_depend d on d.refclassid = 'pg_type'::regclass and d.refobjid in (t.oid, t.typarray) "
            + "where not (d.classid = 'pg_type'::regclass and d.objid = t.typarray) "
            + "union all select pg_describe_object(d.classid, d.objid, d.objsubid) || ' depends on it' "
            + "from pg_depend d, target where d.refclassid = 'pg_class'::regclass and d.refobjid = target.oid "
            // What a rebuild carries over, or what goes with a foreign key (dropped and added back, or kept).
            + "and not (d.classid = 'pg_type'::regclass and d.deptype = 'i') "
            + "and not (d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')) "
            + "and not (d.classid = 'pg_attrdef'::regclass and exists (select 1 from pg_attrdef a "
            + "where a.oid = d.objid and a.adrelid = target.oid)) "
            + "and not (d.classid = 'pg_constraint'::regclass and exists (select 1 from pg_constraint k "
            + "where k.oid = d.objid and (k.contype = 'f' or k.conrelid = target.oid))) "
            + "and not (d.classid = 'pg_trigger'::regclass and exists (select 1 from pg_trigger g "
            + "where g.oid = d.objid and (g.tgisinternal or g.tgrelid = target.oid))) "
            + "and not (d.classid = 'pg_policy'::regclass and exists (select 1 from pg_policy p "
            + "where p.oid = d.objid and p.polrelid = target.oid))) r(reason) order by reason";

    private static final String TABLE = TARGET
            + "select pg_get_userbyid(c.relowner), c.relpersistence, c.relreplident, c.relrowsecurity, "
            + "c.relforcerowsecurity, c.reloptions, (select reloptions from pg_class where oid = c.reltoastrelid), "
            + "(select spcname from pg_tablespace where oid = c.reltablespace), "
            + "(select amname from pg_am where oid = c.relam), obj_description(c.oid, 'pg_class') "
            + "from pg_class c, target where c.oid = target.oid";

    private static final String CHECKS = TARGET
            + "select k.conname, pg_get_constraintdef(k.oid), k.convalidated, obj_description(k.oid, "
            + "'pg_constraint') from pg_constraint k, target where k.conrelid = target.oid and k.contype = 'c' "
            + "order by k.conname";

    private static final String TRIGGERS = TARGET
            + "select pg_get_triggerdef(g.oid), g.tgname, g.tgenabled, obj_description(g.oid, 'pg_trigger') "
            + "from pg_trigger g, target where g.tgrelid = target.oid and not g.tgisinternal order by g.tgname";

    private static final String POLICIES = TARGET
            + "select p.polname, p.polpermissive, case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' "
            + "when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end, "
            + "array(select case when r = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(r)) end "
            + "from unnest(p.polroles) r), pg_get_expr(p.polqual, p.polrelid), "
            + "pg_get_expr(p.polwithcheck, p.polrelid), obj_description(p.oid, 'pg_policy') "
            + "from pg_policy p, target where p.polrelid = target.oid order by p.polname";

    private static final String COLUMN_SETTINGS = TARGET
            + "select a.attname, a.attstattarget, a.attoptions from pg_attribute a, target "
            + "where a.attrelid = target.oid and a.attnum > 0 and not a.attisdropped "
            + "and (a.attstattarget >= 0 or a.attoptions is not null) order by a.attnum";

    /** Sequences that belong to a column: {@code a} for {@code OWNED BY} (serial), {@code i} for an identity. */
    private static final String SEQUENCES = TARGET
            + "select s.oid::regclass::text, s.relname, a.attname, d.deptype from pg_depend d, target "
            + "join pg_class s on true join pg_attribute a on a.attrelid = target.oid "
            + "where d.classid = 'pg_class'::regclass and d.objid = s.oid and s.relkind = 'S' "
            + "and d.refclassid = 'pg_class'::regclass and d.refobjid = target.oid and a.attnum = d.refobjsubid "
            + "and d.deptype in ('a', 'i') order by a.attnum";

    private static final String PRIVILEGES = TARGET
            + "select case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end, "
            + "a.privilege_type, a.is_grantable from pg_class c, target, "
            + "aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) with ordinality a "
            + "where c.oid = target.oid order by a.ordinality";

    /** A check constraint: added to the new table before the load when valid, after it when not. */
    private record Check(String name, String definition, boolean validated, String comment) {
    }

    /** A trigger's {@code CREATE TRIGGER}, how it was enabled, its comment. */
    private record Trigger(String definition, String name, String enabled, String comment) {
    }

    /** One privilege of one grantee ({@code PUBLIC} or a quoted role name). */
    private record Privilege(String grantee, String privilege, boolean grantable) {
    }

    /** A sequence that belongs to a column; {@code identity} when it is the column's identity. */
    private record OwnedSequence(String sql, String name, String column, boolean identity) {
    }

    private final TableSchema table;
    private final String newName;
    private final String owner;
    private final List<String> tableStatements = new ArrayList<>();
    private final String createOptions;
    private final String comment;
    private final List<Check> checks = new ArrayList<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final List<String> policies = new ArrayList<>();
    private final List<String> columnSettings = new ArrayList<>();
    private final List<OwnedSequence> sequences = new ArrayList<>();
    private final List<Privilege> privileges;
    private final boolean unlogged;

    /**
     * Why the table cannot be rebuilt and swapped in, {@code null} when it can. The foreign keys that leave or
     * reference it are no reason: masking drops and adds back, or keeps, every one of them.
     */
    static String obstacle(Connection connection, TableSchema table) throws SQLException {
        List<String> reasons = strings(connection, OBSTACLES, table);
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private TableRebuild(Connection connection, TableSchema table) throws SQLException {
        this.table = table;
        try (PreparedStatement statement = prepare(connection, TABLE, table);
                ResultSet row = statement.executeQuery()) {
            row.next();
            owner = row.getString(1);
            unlogged = "u".equals(row.getString(2));
            switch (row.getString(3)) {
                case "n" -> tableStatements.add("REPLICA IDENTITY NOTHING");
                case "f" -> tableStatements.add("REPLICA IDENTITY FULL");
                default -> {
                    // The default, or an index's, which the caller sets again with the index.
                }
            }
            if (row.getBoolean(4)) {
                tableStatements.add("ENABLE ROW LEVEL SECURITY");
            }
            if (row.getBoolean(5)) {
                tableStatements.add("FORCE ROW LEVEL SECURITY");
            }
            createOptions = createOptions(options(row.getArray(6), ""), options(row.getArray(7), "toast."), row
                    .getString(8), row.getString(9));
            comment = row.getString(10);
        }
        newName = "strata_masking_" + Long.toUnsignedString(Integer.toUnsignedLong(oid(connection)));
        readParts(connection);
        privileges = privileges(connection);
    }

    /** Reads what must be carried over, with the table locked against writes. */
    static TableRebuild read(Connection connection, TableSchema table) throws SQLException {
        return new TableRebuild(connection, table);
    }

    private void readParts(Connection connection) throws SQLException {
        query(connection, CHECKS, row -> checks.add(new Check(row.getString(1), row.getString(2), row.getBoolean(3),
                row.getString(4))));
        query(connection, TRIGGERS, row -> triggers.add(new Trigger(row.getString(1), row.getString(2), row
                .getString(3), row.getString(4))));
        query(connection, POLICIES, row -> policies.addAll(policy(row)));
        query(connection, COLUMN_SETTINGS, row -> {
            String column = " ALTER COLUMN " + Sql.quote(row.getString(1));
            if (row.getInt(2) >= 0) {
                columnSettings.add(column + " SET STATISTICS " + row.getInt(2));
            }
            String[] options = row.getArray(3) == null ? null : (String[]) row.getArray(3).getArray();
            if (options != null) {
                columnSettings.add(column + " SET (" + String.join(", ", options) + ")");
            }
        });
        query(connection, SEQUENCES, row -> sequences.add(new OwnedSequence(row.getString(1), row.getString(2), row
                .getString(3), "i".equals(row.getString(4)))));
    }

    /** The new table, quoted for SQL. */
    String newTableSql() {
        return Sql.quote(table.schema()) + "." + Sql.quote(newName);
    }

    /**
     * Creates the new, empty table in the caller's transaction, with its valid check constraints and the foreign keys
     * that stay, so that {@code COPY ... FREEZE} may load it.
     */
    void createEmptyTable(Connection connection, List<ForeignKey> keptForeignKeys) throws SQLException {
        Sql.execute(connection, "CREATE " + (unlogged ? "UNLOGGED " : "") + "TABLE " + newTableSql() + " (LIKE "
                + table.sql() + " INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE "
                + "INCLUDING COMPRESSION INCLUDING COMMENTS)" + createOptions);
        // The owner first: the sequences that move to the new table must have the same.
        Sql.execute(connection, "ALTER TABLE " + newTableSql() + " OWNER TO " + Sql.quote(owner));
        for (Check check : checks) {
            if (check.validated()) {
                Sql.execute(connection, "ALTER TABLE " + newTableSql() + " ADD CONSTRAINT " + Sql.quote(check
                        .name()) + " " + check.definition());
            }
        }
        for (ForeignKey foreignKey : keptForeignKeys) {
            Sql.execute(connection, "ALTER TABLE " + newTableSql() + " ADD CONSTRAINT " + Sql.quote(foreignKey
                    .name()) + " " + foreignKey.definition());
        }
    }

    /**
     * Drops the old table and gives the new one its name, once the old one is read: the sequences owned by its
     * columns move to the new one first, and the identities' sequences take their old names and positions.
     */
    void swap(Connection connection) throws SQLException {
        List<String> positions = new ArrayList<>();
        for (OwnedSequence sequence : sequences) {
            if (sequence.identity()) {
                positions.add(single(connection, "select last_value || ', ' || is_called from " + sequence.sql()));
            } else {
                Sql.execute(connection, "ALTER SEQUENCE " + sequence.sql() + " OWNED BY " + newTableSql() + "."
                        + Sql.quote(sequence.column()));
            }
        }
        Sql.execute(connection, "DROP TABLE " + table.sql(), "ALTER TABLE " + newTableSql() + " RENAME TO " + Sql
                .quote(table.name()));
        int identity = 0;
        for (OwnedSequence sequence : sequences) {
            if (sequence.identity()) {
                String renamed = Sql.quote(table.schema()) + "." + Sql.quote(sequence.name());
                String current = single(connection, "select pg_get_serial_sequence(" + Sql.literal(table.sql())
                        + ", " + Sql.literal(sequence.column()) + ")");
                Sql.execute(connection, "ALTER SEQUENCE " + current + " RENAME TO " + Sql.quote(sequence.name()),
                        "SELECT setval(" + Sql.literal(renamed) + ", " + positions.get(identity++) + ")");
            }
        }
    }

    /** Gives the swapped-in table what it does not have yet, besides its keys and indexes. */
    void restore(Connection connection, List<ForeignKey> keptForeignKeys) throws SQLException {
        String alter = "ALTER TABLE " + table.sql() + " ";
        for (Check check : checks) {
            if (!check.validated()) {
                Sql.execute(connection, alter + "ADD CONSTRAINT " + Sql.quote(check.name()) + " " + check
                        .definition());
            }
            comment(connection, "CONSTRAINT " + Sql.quote(check.name()) + " ON " + table.sql(), check.comment());
        }
        for (ForeignKey foreignKey : keptForeignKeys) {
            comment(connection, "CONSTRAINT " + Sql.quote(foreignKey.name()) + " ON " + table.sql(), foreignKey
                    .comment());
        }
        for (String statement : columnSettings) {
            Sql.execute(connection, alter + statement);
        }
        for (Trigger trigger : triggers) {
            Sql.execute(connection, trigger.definition());
            String mode = switch (trigger.enabled()) {
                case "D" -> "DISABLE";
                case "A" -> "ENABLE ALWAYS";
                case "R" -> "ENABLE REPLICA";
                default -> null;
            };
            if (mode != null) {
                Sql.execute(connection, alter + mode + " TRIGGER " + Sql.quote(trigger.name()));
            }
            comment(connection, "TRIGGER " + Sql.quote(trigger.name()) + " ON " + table.sql(), trigger.comment());
        }
        for (String statement : policies) {
            Sql.execute(connection, statement);
        }
        for (String statement : tableStatements) {
            Sql.execute(connection, alter + statement);
        }
        comment(connection, "TABLE " + table.sql(), comment);
        restorePrivileges(connection);
    }

    /** Grants and revokes until the new table's privileges are the old one's (the owner's defaults included). */
    private void restorePrivileges(Connection connection) throws SQLException {
        List<Privilege> now = privileges(connection);
        if (now.equals(privileges)) {
            return;
        }
        for (String grantee : now.stream().map(Privilege::grantee).distinct().toList()) {
            Sql.execute(connection, "REVOKE ALL ON TABLE " + table.sql() + " FROM " + grantee);
        }
        for (Privilege privilege : privileges) {
            Sql.execute(connection, "GRANT " + privilege.privilege() + " ON TABLE " + table.sql() + " TO "
                    + privilege.grantee() + (privilege.grantable() ? " WITH GRANT OPTION" : ""));
        }
        List<Privilege> after = privileges(connection);
        if (!after.equals(privileges)) {
            throw new SQLException("The privileges on " + table.displayName() + " could not be carried over to its "
                    + "rebuilt table (" + privileges + " before, " + after + " after)");
        }
    }

    private List<String> policy(ResultSet row) throws SQLException {
        String name = Sql.quote(row.getString(1));
        String roles = String.join(", ", (String[]) row.getArray(4).getArray());
        String create = "CREATE POLICY " + name + " ON " + table.sql() + " AS " + (row.getBoolean(2)
                ? "PERMISSIVE"
                : "RESTRICTIVE") + " FOR " + row.getString(3) + " TO " + roles
                + (row.getString(5) == null
                        ? ""
                        : " USING (" + row.getString(5) + ")")
                + (row.getString(6) == null
                        ? ""
                        : " WITH CHECK (" + row.getString(6) + ")");
        List<String> statements = new ArrayList<>(List.of(create));
        if (row.getString(7) != null) {
            statements.add("COMMENT ON POLICY " + name + " ON " + table.sql() + " IS " + Sql.literal(row.getString(
                    7)));
        }
        return statements;
    }

    private List<Privilege> privileges(Connection connection) throws SQLException {
        List<Privilege> found = new ArrayList<>();
        query(connection, PRIVILEGES, row -> found.add(new Privilege(row.getString(1), row.getString(2), row
                .getBoolean(3))));
        return found;
    }

    private static void comment(Connection connection, String what, String text) throws SQLException {
        if (text != null) {
            Sql.execute(connection, "COMMENT ON " + what + " IS " + Sql.literal(text));
        }
    }

    /** {@code reloptions} as written in {@code WITH (...)}, each prefixed (for the TOAST table's). */
    private static List<String> options(Array array, String prefix) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray()).map(option -> prefix + option).toList();
    }

    private static String createOptions(List<String> options, List<String> toastOptions, String tablespace,
            String accessMethod) {
        StringBuilder sql = new StringBuilder();
        if (accessMethod != null) {
            sql.append(" USING ").append(Sql.quote(accessMethod));
        }
        List<String> all = new ArrayList<>(options);
        all.addAll(toastOptions);
        if (!all.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", all)).append(")");
        }
        if (tablespace != null) {
            sql.append(" TABLESPACE ").append(Sql.quote(tablespace));
        }
        return sql.toString();
    }

    private int oid(Connection connection) throws SQLException {
        return Integer.parseUnsignedInt(single(connection, "select " + Sql.literal(table.sql()) + "::regclass::oid"));
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    /** The rows of a query on the table as lines, their columns joined with spaces. */
    private static List<String> strings(Connection connection, String sql, TableSchema table) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, table);
                ResultSet row = statement.executeQuery()) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(row.getString(i));
                }
                lines.add(values.stream().collect(Collectors.joining(" ")));
            }
        }
        return lines;
    }

    private static PreparedStatement prepare(Connection connection, String sql, TableSchema table)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, table.sql());
        return statement;
    }

    private void query(Connection connection, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, table);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                reader.read(row);
            }
        }
    }

    @FunctionalInterface
    private interface RowReader {

        void read(ResultSet row) throws SQLException;
    }
}
