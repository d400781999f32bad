package io.strata.masking.algorithms;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * {@code noise}: a number moved by a keyed fraction of itself, up to {@code percent} (default 10, more than 0 and at
 * most 100) either way. The result keeps the original's decimals (integers stay integers, {@code 12.50} gets two
 * decimals, a float its significant digits), never gains an integer digit (so it fits the column's precision) and
 * stays within its integer type's range. The fraction is keyed by the number's value, so {@code 12.5} and
 * {@code 12.50} move alike. {@code NaN} and infinities stay. Key domain {@code numbers}.
 */
public final class NoiseAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "noise";
    /** Its key domain. */
    public static final String KEY_DOMAIN = "numbers";

    private static final String PERCENT = "percent";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    // The largest of each integer type; its negation is within the type's range too.
    private static final Map<String, BigDecimal> INTEGER_LARGEST = Map.of("int2", BigDecimal.valueOf(Short.MAX_VALUE),
            "int4", BigDecimal.valueOf(Integer.MAX_VALUE), "int8", BigDecimal.valueOf(Long.MAX_VALUE));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        percent(params);
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
        ColumnTypes.require(column, ColumnTypes.NUMBERS, NAME, "numeric columns (int2, int4, int8, numeric, "
                + "float4, float8)");
        double fraction = percent(rule.parameters()).doubleValue() / 100;
        byte[] material = key.material();
        String type = ColumnTypes.base(column);
        return (value, row) -> {
            if (value == null || value.endsWith("Infinity") || "NaN".equals(value)) {
                return value;
            }
            BigDecimal original = parse(value);
            double drawn = (KeyedDigest.pick(material, original.stripTrailingZeros().toPlainString()) >>> 11)
                    * 0x1.0p-53;
            BigDecimal noisy = original.add(original.multiply(BigDecimal.valueOf((2 * drawn - 1) * fraction)));
            return shaped(noisy, original, type);
        };
    }

    private static BigDecimal percent(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, List.of(PERCENT));
        String accepted = "percent must be a number more than 0 and at most 100.";
        BigDecimal percent = RuleParams.number(params, PERCENT, BigDecimal.TEN, accepted);
        if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
            throw RuleParams.error(PERCENT, accepted);
        }
        return percent;
    }

    private static BigDecimal parse(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("noise masks numbers in PostgreSQL's text form; a value of this "
                    + "column is not one.");
        }
    }

    /** The noisy number in the original's shape: its decimals, its integer digits, its type's range. */
    private static String shaped(BigDecimal noisy, BigDecimal original, String type) {
        if (ColumnTypes.FLOATS.contains(type)) {
            return noisy.round(new MathContext(original.precision(), RoundingMode.HALF_EVEN)).toString();
        }
        int scale = Math.max(original.scale(), 0);
        BigDecimal rounded = noisy.setScale(scale, RoundingMode.HALF_EVEN);
        BigDecimal largest = BigDecimal.ONE.movePointRight(Math.max(original.precision() - original.scale(), 0))
                .subtract(BigDecimal.ONE.movePointLeft(scale));
        largest = largest.min(INTEGER_LARGEST.getOrDefault(type, largest));
        if (rounded.abs().compareTo(largest) > 0) {
            rounded = rounded.signum() < 0 ? largest.negate() : largest;
        }
        return rounded.toPlainString();
    }
}
