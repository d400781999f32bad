package io.strata.masking.algorithms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code fixed}: every value becomes the same text, parameter {@code value} (a string, number or boolean, in the
 * column type's text form). NULL stays NULL unless {@code replaceNull: true}.
 */
public final class FixedAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "fixed";

    private static final String VALUE = "value";
    private static final String REPLACE_NULL = "replaceNull";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        value(params);
        RuleParams.flag(params, REPLACE_NULL, false);
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
        String fixed = value(rule.parameters());
        boolean replaceNull = RuleParams.flag(rule.parameters(), REPLACE_NULL, false);
        if (!ColumnTypes.fits(fixed, column.maxLength())) {
            throw RuleParams.error(VALUE, "value is longer than the " + column.maxLength() + " characters "
                    + column.table() + "." + column.column() + " holds; choose a shorter one.");
        }
        return Masker.mayLeaveAll((value, row) -> value == null && !replaceNull ? null : fixed);
    }

    private static String value(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, List.of(VALUE, REPLACE_NULL));
        Object value = params.get(VALUE);
        if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
            throw RuleParams.error(VALUE, "value is required: the text (or number, or boolean) every value "
                    + "becomes.");
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
