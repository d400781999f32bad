package io.strata.masking.algorithms;

import java.util.List;
import java.util.Map;

/**
 * {@code phone}: a phone number in the same format, each digit replaced by a keyed digit; separators, a leading
 * {@code +} and any other character stay. The digits are keyed by the original's digits alone, so
 * {@code +1 (555) 010-9999} and {@code +15550109999} become the same number in their own formats. A leading
 * {@code 0} (a trunk prefix) stays {@code 0}, a leading non-zero digit stays non-zero.
 *
 * <p>
 * Parameter {@code keepPrefix}: how many leading digits to keep (a country or area code), default 0. Key domain
 * {@code phones}.
 */
public final class PhoneAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "phone";
    /** Its key domain. */
    public static final String KEY_DOMAIN = "phones";

    private static final String KEEP_PREFIX = "keepPrefix";
    private static final int MAX_PREFIX = 15;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        keepPrefix(params);
    }

    @Override
    public boolean keepsDistinct() {
        return false;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return KEY_DOMAIN;
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        ColumnTypes.requireCharacter(column, NAME);
        int keep = keepPrefix(rule.parameters());
        byte[] material = key.material();
        return (value, row) -> {
            if (value == null) {
                return null;
            }
            StringBuilder masked = new StringBuilder(value.length());
            DigitMasking.appendMasked(material, NAME, value, 0, value.length(), keep, masked);
            return masked.toString();
        };
    }

    private static int keepPrefix(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, List.of(KEEP_PREFIX));
        return RuleParams.wholeNumber(params, KEEP_PREFIX, 0, 0, MAX_PREFIX);
    }
}
