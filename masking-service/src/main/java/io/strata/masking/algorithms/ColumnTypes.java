package io.strata.masking.algorithms;

import java.util.Locale;
import java.util.Set;

/** Groups the catalog's type names into the kinds of values the algorithms tell apart. */
final class ColumnTypes {

    /** Character types, by their catalog and their SQL names. */
    private static final Set<String> CHARACTER = Set.of("text", "varchar", "bpchar", "char", "name", "citext",
            "character varying", "character");
    /** Integer and exact numeric types. */
    private static final Set<String> NUMBER = Set.of("int2", "int4", "int8", "numeric", "smallint", "integer",
            "bigint", "decimal");

    private ColumnTypes() {
    }

    /** The type's name without a {@code pg_catalog.} prefix, in lower case. */
    static String base(ColumnInfo column) {
        String type = column.type() == null ? "" : column.type().toLowerCase(Locale.ROOT);
        return type.startsWith("pg_catalog.") ? type.substring("pg_catalog.".length()) : type;
    }

    static boolean isCharacter(ColumnInfo column) {
        return CHARACTER.contains(base(column));
    }

    static boolean isNumber(ColumnInfo column) {
        return NUMBER.contains(base(column));
    }

    static boolean isUuid(ColumnInfo column) {
        return "uuid".equals(base(column));
    }

    /** The column's name as a user wrote it, for messages. */
    static String describe(ColumnInfo column) {
        return column.table() + "." + column.column() + " (" + column.type() + ")";
    }
}
