package io.strata.masking.algorithms;

/**
 * What an algorithm is told about the column it masks, read from the database's catalog.
 *
 * @param table the table (schema-qualified when not in {@code public})
 * @param column the column
 * @param type the type's name as the catalog gives it ({@code varchar}, {@code text}, {@code int4}, {@code date},
 *        {@code jsonb} ...)
 * @param maxLength the declared length of a character type, {@code null} when unbounded
 * @param unique whether the column is (part of) a primary key, a unique constraint or a foreign key, so its values
 *        must stay distinct and joinable
 * @param nullable whether it accepts NULL
 */
public record ColumnInfo(String table, String column, String type, Integer maxLength, boolean unique,
        boolean nullable) {
}
