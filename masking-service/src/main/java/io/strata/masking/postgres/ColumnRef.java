package io.strata.masking.postgres;

import io.strata.masking.algorithms.RuleError;

/**
 * A column of a table, as rules name it.
 *
 * @param table the table: {@code name} for {@code public.name}, or {@code schema.name}
 * @param column the column's name
 */
public record ColumnRef(String table, String column) {

    /**
     * A column written {@code table.column} or {@code schema.table.column}.
     *
     * @throws RuleError naming {@code column} when there is no dot
     */
    public static ColumnRef parse(String qualified) {
        int dot = qualified == null ? -1 : qualified.lastIndexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new RuleError("column", "'" + qualified + "' does not name a column; write table.column or "
                    + "schema.table.column.");
        }
        return new ColumnRef(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
