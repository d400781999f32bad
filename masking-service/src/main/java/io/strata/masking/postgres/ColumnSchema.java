package io.strata.masking.postgres;

/**
 * A column of a table as the catalog describes it.
 *
 * @param name the column's name
 * @param type the type's name in {@code pg_type} ({@code varchar}, {@code int4}, {@code jsonb}, a domain's name ...)
 * @param maxLength the declared length of a {@code varchar(n)} or {@code char(n)}, {@code null} otherwise
 * @param nullable whether it accepts NULL
 * @param generated whether PostgreSQL computes it ({@code GENERATED ALWAYS AS (...) STORED}), so COPY leaves it out
 * @param textLike whether it holds text a person could read (a string type, json, jsonb, xml, or an array of them),
 *        so the leak scan reads it
 */
public record ColumnSchema(String name, String type, Integer maxLength, boolean nullable, boolean generated,
        boolean textLike) {
}
