package io.strata.masking.algorithms;

import java.util.Locale;
import java.util.Set;

/** Groups the catalog's type names into the kinds of values the algorithms tell apart. */
final class ColumnTypes {

    /** Character types, by their catalog and their SQL names. */
    private static final Set<String> CHARACTER = Set.of("text", "varchar", "bpchar", "char", "name", "citext",
            "character varying", "character");
    /** Integer and exact numeric types. */
    private static final Set<String> EXACT_NUMBERS = Set.of("int2", "int4", "int8", "numeric", "smallint", "integer",
            "bigint", "decimal");
    /** Whole numbers. */
    static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
    /** Every numeric type whose text form is a plain or scientific decimal. */
    static final Set<String> NUMBERS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8");
    /** Floating point, whose text form may be {@code NaN}, {@code Infinity} or scientific. */
    static final Set<String> FLOATS = Set.of("float4", "float8");
    /** Dates and timestamps. */
    static final Set<String> TEMPORALS = Set.of("date", "timestamp", "timestamptz");
    /** JSON, whose text must stay valid JSON. */
    static final Set<String> JSON = Set.of("json", "jsonb");

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
        return EXACT_NUMBERS.contains(base(column));
    }

    static boolean isUuid(ColumnInfo column) {
        return "uuid".equals(base(column));
    }

    /** The column's name as a user wrote it, for messages. */
    static String describe(ColumnInfo column) {
        return column.table() + "." + column.column() + " (" + column.type() + ")";
    }

    /** Refuses a column that is not of a character type (text, varchar, char ...). */
    static void requireCharacter(ColumnInfo column, String algorithm) {
        if (!isCharacter(column)) {
            throw new RuleError("column", column.table() + "." + column.column() + " is of type " + column.type()
                    + "; " + algorithm + " masks text columns (text, varchar, char) only.");
        }
    }

    /** Refuses a column whose type is not one of these. */
    static void require(ColumnInfo column, Set<String> types, String algorithm, String accepted) {
        if (!types.contains(base(column))) {
            throw new RuleError("column", column.table() + "." + column.column() + " is of type " + column.type()
                    + "; " + algorithm + " masks " + accepted + " only.");
        }
    }

    /** Whether the value fits a column of this declared length ({@code null}: unbounded), counted in characters. */
    static boolean fits(String value, Integer maxLength) {
        return maxLength == null || value.length() <= maxLength
                || value.codePointCount(0, value.length()) <= maxLength;
    }

    /** The value cut to the column's declared length in characters. */
    static String cut(String value, Integer maxLength) {
        if (fits(value, maxLength)) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxLength));
    }
}
