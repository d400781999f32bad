package io.strata.masking.algorithms;

import java.util.Set;

/** The column types (as the catalog names them) that the algorithms here tell apart. */
final class ColumnTypes {

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

    /** Refuses a column whose type is not one of these. */
    static void require(ColumnInfo column, Set<String> types, String algorithm, String accepted) {
        if (!types.contains(column.type())) {
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
