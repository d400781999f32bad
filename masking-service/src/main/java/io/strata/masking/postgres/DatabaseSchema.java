package io.strata.masking.postgres;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.strata.masking.algorithms.ColumnInfo;
import io.strata.masking.algorithms.RuleError;

/**
 * What {@link SchemaReader} found in a database: its ordinary tables, its materialized views (read by the leak scan
 * only) and every foreign key, those of partitioned tables included.
 *
 * @param tables the ordinary tables outside the system schemas, by schema and name
 * @param materializedViews the materialized views, which hold copies of table data the leak scan must read too
 * @param foreignKeys every foreign key in the database (a partitioned table's once, not once per partition)
 */
public record DatabaseSchema(List<TableSchema> tables, List<TableSchema> materializedViews,
        List<ForeignKey> foreignKeys) {

    private static final int NEAR_NAMES = 5;

    /** Copies that no caller changes. */
    public DatabaseSchema {
        tables = List.copyOf(tables);
        materializedViews = List.copyOf(materializedViews);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * The table a rule names: {@code name} for {@code public.name}, or {@code schema.name}. An exact match wins; a
     * match that differs in case only is taken when it is the only one.
     *
     * @throws RuleError naming {@code table} when there is no such table, with the nearest names
     */
    public TableSchema table(String wanted) {
        String qualified = wanted == null ? "" : wanted.contains(".") ? wanted : "public." + wanted;
        List<TableSchema> exact = tablesWhere(table -> (table.schema() + "." + table.name()).equals(qualified));
        if (exact.size() == 1) {
            return exact.get(0);
        }
        List<TableSchema> folded = tablesWhere(table -> (table.schema() + "." + table.name()).equalsIgnoreCase(
                qualified));
        if (folded.size() == 1) {
            return folded.get(0);
        }
        List<String> names = tables.stream().map(TableSchema::displayName).toList();
        throw new RuleError("table", "There is no table '" + wanted + "' in the database; the tables nearest that "
                + "name are " + nearest(wanted, names) + " (" + names.size() + " tables in all).");
    }

    /**
     * The column a rule names in a table: its exact name, or the only one that differs in case only.
     *
     * @throws RuleError naming {@code column} when the table has no such column, with the nearest names
     */
    public ColumnSchema column(TableSchema table, String wanted) {
        return table.column(wanted).orElseGet(() -> {
            List<ColumnSchema> folded = table.columns().stream().filter(column -> column.name().equalsIgnoreCase(
                    wanted)).toList();
            if (folded.size() == 1) {
                return folded.get(0);
            }
            List<String> names = table.columns().stream().map(ColumnSchema::name).toList();
            throw new RuleError("column", "Table " + table.displayName() + " has no column '" + wanted + "'; its "
                    + "columns nearest that name are " + nearest(wanted, names) + " (" + names.size()
                    + " columns in all).");
        });
    }

    /** A rule's column as the catalog names it: the table's display name and the column's exact name. */
    public ColumnRef resolve(ColumnRef column) {
        TableSchema table = table(column.table());
        return new ColumnRef(table.displayName(), column(table, column.column()).name());
    }

    /**
     * What an algorithm is told about a column; {@code unique} when the column is in a primary key, a unique
     * constraint or index, or a foreign key (leaving or referenced).
     *
     * @throws RuleError naming {@code table} or {@code column} when either is unknown
     */
    public ColumnInfo columnInfo(String tableName, String columnName) {
        TableSchema table = table(tableName);
        ColumnSchema column = column(table, columnName);
        boolean referenced = foreignKeys.stream().anyMatch(foreignKey -> foreignKey.referencedTable().equals(table
                .displayName()) && foreignKey.referencedColumns().contains(column.name()));
        boolean unique = referenced || table.keyColumns().contains(column.name());
        return new ColumnInfo(table.displayName(), column.name(), column.type(), column.maxLength(), unique,
                column.nullable());
    }

    /** The foreign keys that leave or reference one of these tables (named like {@link TableSchema#displayName}). */
    public List<ForeignKey> foreignKeysTouching(Set<String> tableNames) {
        return foreignKeys.stream().filter(foreignKey -> foreignKey.touches(tableNames)).toList();
    }

    private List<TableSchema> tablesWhere(Predicate<TableSchema> test) {
        return tables.stream().filter(test).toList();
    }

    /** The few names closest to the one asked for, so a typo's correction is in the message. */
    static String nearest(String wanted, List<String> names) {
        String key = wanted == null ? "" : wanted.toLowerCase(Locale.ROOT);
        return names.stream().sorted(Comparator.comparingInt((String name) -> distance(key, name.toLowerCase(
                Locale.ROOT))).thenComparing(Comparator.naturalOrder())).limit(NEAR_NAMES).collect(Collectors
                        .joining(", "));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
