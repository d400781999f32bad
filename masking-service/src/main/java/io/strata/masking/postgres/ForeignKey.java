package io.strata.masking.postgres;

import java.util.List;
import java.util.Set;

/**
 * A foreign key constraint.
 *
 * @param name the constraint's name
 * @param table the referencing table ({@code name} in {@code public}, {@code schema.name} elsewhere)
 * @param tableSql the referencing table, quoted for SQL
 * @param columns the referencing columns, in order
 * @param referencedTable the referenced table, named like {@code table}
 * @param referencedColumns the referenced columns, in order
 * @param deferrable whether it is {@code DEFERRABLE}
 * @param validated whether PostgreSQL has checked it against every row ({@code NOT VALID} otherwise)
 * @param definition what {@code pg_get_constraintdef} gives, to add it again as it was
 * @param comment its comment, {@code null} when none
 */
public record ForeignKey(String name, String table, String tableSql, List<String> columns, String referencedTable,
        List<String> referencedColumns, boolean deferrable, boolean validated, String definition, String comment) {

    /** A copy that no caller changes. */
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** Whether it leaves or references one of these tables (named like {@link #table}). */
    public boolean touches(Set<String> tables) {
        return tables.contains(table) || tables.contains(referencedTable);
    }

    /** How messages name it: {@code name (table(columns) → referenced(columns))}. */
    public String describe() {
        return name + " (" + table + "(" + String.join(", ", columns) + ") references " + referencedTable + "("
                + String.join(", ", referencedColumns) + "))";
    }
}
