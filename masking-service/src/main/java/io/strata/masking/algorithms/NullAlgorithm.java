package io.strata.masking.algorithms;

import java.util.List;
import java.util.Map;

/** {@code null}: every value becomes NULL. Refused on a NOT NULL column, where {@code fixed} is the choice. */
public final class NullAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "null";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, List.of());
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
        check(rule.parameters());
        if (!column.nullable()) {
            throw new RuleError("algorithm", column.table() + "." + column.column() + " is NOT NULL, so null "
                    + "cannot mask it; use fixed with a value instead.");
        }
        return (value, row) -> null;
    }
}
