package io.strata.masking.algorithms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code min-max}: clamps a number, date or timestamp into {@code [min, max]}; values inside stay, a value below
 * becomes {@code min} and one above {@code max} (an infinity or {@code NaN} counts as beyond its end). Both
 * parameters are required: two numbers for a numeric column (whole ones for an integer column), two dates for a date
 * column, two timestamps or dates ({@code 2009-01-02 03:04:05}, midnight when only a date) for a timestamp column,
 * with a zone offset for {@code timestamptz} (UTC when none).
 */
public final class MinMaxAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "min-max";

    private static final String MIN = "min";
    private static final String MAX = "max";
    private static final Set<String> ABOVE = Set.of("infinity", "Infinity", "NaN");
    private static final Set<String> BELOW = Set.of("-infinity", "-Infinity");
    private static final Set<String> CLAMPABLE = Set.of("int2", "int4", "int8", "numeric", "float4", "float8",
            "date", "timestamp", "timestamptz");

    /** The bounds, checked: both numbers, or both dates or timestamps. */
    private record Bounds(String min, String max, boolean temporal) {

        static Bounds of(Map<String, Object> params) {
            RuleParams.allowOnly(params, NAME, List.of(MIN, MAX));
            String min = bound(params, MIN);
            String max = bound(params, MAX);
            boolean temporal = PgTemporal.position(min, false) != null;
            if (temporal != (PgTemporal.position(max, false) != null)) {
                throw RuleParams.error(MAX, "min and max must both be numbers or both be dates or timestamps.");
            }
            Bounds bounds = new Bounds(min, max, temporal);
            if (bounds.position(min, false).compareTo(bounds.position(max, false)) > 0) {
                throw RuleParams.error(MAX, "max must not be below min.");
            }
            return bounds;
        }

        private static String bound(Map<String, Object> params, String name) {
            Object value = params.get(name);
            String accepted = name + " is required: a number, or a date or timestamp in ISO form (2009-01-02, "
                    + "2009-01-02 03:04:05, 2009-01-02 03:04:05+01).";
            if (value instanceof String text && PgTemporal.position(text, false) != null) {
                return text;
            }
            return RuleParams.decimal(value).orElseThrow(() -> RuleParams.error(name, accepted)).toPlainString();
        }

        /** Where a value lies: the number itself, or its place on the time line. */
        BigDecimal position(String value, boolean dateOnly) {
            return temporal ? PgTemporal.position(value, dateOnly) : new BigDecimal(value);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        Bounds.of(params);
    }

    @Override
    public boolean keepsDistinct() {
        return false;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return null;
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        Bounds bounds = Bounds.of(rule.parameters());
        String type = ColumnTypes.base(column);
        boolean dateOnly = "date".equals(type);
        String min = fitted(bounds, bounds.min(), column, MIN);
        String max = fitted(bounds, bounds.max(), column, MAX);
        BigDecimal low = bounds.position(min, dateOnly);
        BigDecimal high = bounds.position(max, dateOnly);
        return Masker.mayLeaveAll((value, row) -> {
            if (value == null) {
                return null;
            }
            if (ABOVE.contains(value) || BELOW.contains(value)) {
                return ABOVE.contains(value) ? max : min;
            }
            BigDecimal position = position(bounds, value, dateOnly);
            if (position.compareTo(low) < 0) {
                return min;
            }
            return position.compareTo(high) > 0 ? max : value;
        });
    }

    private static BigDecimal position(Bounds bounds, String value, boolean dateOnly) {
        try {
            BigDecimal position = bounds.position(value, dateOnly);
            if (position != null) {
                return position;
            }
        } catch (NumberFormatException e) {
            // told below, without the value
        }
        throw new IllegalArgumentException("min-max met a value that is not in its column type's text form.");
    }

    /** The bound in the column type's text form, refusing a bound of another kind than the column. */
    private static String fitted(Bounds bounds, String bound, ColumnInfo column, String name) {
        String type = ColumnTypes.base(column);
        ColumnTypes.require(column, CLAMPABLE, NAME, "numbers, dates and timestamps");
        boolean numeric = ColumnTypes.NUMBERS.contains(type);
        if (numeric == bounds.temporal()) {
            throw RuleParams.error(name, name + " must be a " + (numeric ? "number" : "date or timestamp")
                    + " for the " + type + " column " + column.column() + ".");
        }
        if (!numeric) {
            return temporalBound(bound, type, name, column);
        }
        if (ColumnTypes.INTEGERS.contains(type) && new BigDecimal(bound).stripTrailingZeros().scale() > 0) {
            throw RuleParams.error(name, name + " must be a whole number for the integer column " + column.column()
                    + ".");
        }
        return bound;
    }

    private static String temporalBound(String bound, String type, String name, ColumnInfo column) {
        PgTemporal.Split split = PgTemporal.split(bound);
        if ("date".equals(type)) {
            if (!split.rest().isEmpty()) {
                throw RuleParams.error(name, name + " must be a date without a time (2009-01-02) for the date "
                        + "column " + column.column() + ".");
            }
            return bound;
        }
        boolean offset = PgTemporal.hasOffset(bound);
        if ("timestamp".equals(type) && offset) {
            throw RuleParams.error(name, name + " must have no zone offset for the timestamp column "
                    + column.column() + ".");
        }
        String rest = split.rest().isEmpty() ? " 00:00:00" : " " + split.rest().substring(1);
        if (rest.endsWith("Z")) {
            rest = rest.substring(0, rest.length() - 1) + "+00";
        } else if ("timestamptz".equals(type) && !offset) {
            rest += "+00";
        }
        return PgTemporal.format(split.date(), rest);
    }
}
