package io.strata.masking.algorithms;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code fpe}: NIST SP 800-38G FF1 format-preserving encryption of a character column's letters and digits (see
 * {@link FormatPreservingCipher}): card numbers stay card numbers, account ids keep their shape. Parameters:
 * {@code luhn} (default false: when true the last digit is recomputed as the Luhn check digit, so a valid card number
 * stays valid), {@code tweak} (optional text that changes the permutation) and {@code domain} (the key domain, default
 * {@code fpe}). A value with fewer than a million possible values is refused, naming unique-map instead.
 */
public final class FpeAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "fpe";

    private static final Set<String> PARAMETERS = Set.of("luhn", "tweak", "domain");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, PARAMETERS);
        RuleParams.flag(params, "luhn", false);
        RuleParams.text(params, "tweak", "");
        RuleParams.domain(params, NAME);
    }

    /** FF1 is a permutation of the values of one format, and the format is kept. */
    @Override
    public boolean keepsDistinct() {
        return true;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return RuleParams.domain(params, NAME);
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        Map<String, Object> params = rule.parameters();
        check(params);
        if (!ColumnTypes.isCharacter(column)) {
            throw new RuleError("algorithm", "fpe masks character columns, and " + ColumnTypes.describe(column)
                    + " is not one; use unique-map for numbers and uuids.");
        }
        if (!FormatPreservingCipher.fitsSomeValue(column.maxLength())) {
            throw new RuleError("algorithm", ColumnTypes.describe(column) + " holds at most " + column.maxLength()
                    + " characters, too few for fpe to encrypt safely (NIST SP 800-38G needs a million possible "
                    + "values); use unique-map, which permutes short values too.");
        }
        boolean luhn = RuleParams.flag(params, "luhn", false);
        byte[] tweak = RuleParams.text(params, "tweak", "").getBytes(StandardCharsets.UTF_8);
        FormatPreservingCipher cipher = new FormatPreservingCipher(key, tweak, true);
        return (value, row) -> value == null || value.isEmpty() ? value : cipher.encrypt(value, luhn);
    }
}
