package io.strata.masking.algorithms;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code unique-map}: a keyed permutation for key and unique columns, so primary keys, foreign keys and unique
 * constraints survive masking. The same key gives the same value the same image in every table, so a foreign key
 * still finds its parent (give both columns the same type: an {@code int4} and an {@code int8} column bound their
 * ten-digit numbers differently). Numbers keep their sign, scale, digit count and type range
 * ({@link NumberPermutation}); uuids keep their format, version and variant (the other 30 hex digits are permuted
 * with FF1); text keeps each character's class and place ({@link FormatPreservingCipher}), short values included.
 * Parameter: {@code domain}, the key domain (default {@code keys}).
 */
public final class UniqueMapAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "unique-map";

    private static final String DEFAULT_DOMAIN = "keys";
    private static final Set<String> PARAMETERS = Set.of("domain");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, PARAMETERS);
        RuleParams.domain(params, DEFAULT_DOMAIN);
    }

    /** Every path is a permutation of its values. */
    @Override
    public boolean keepsDistinct() {
        return true;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return RuleParams.domain(params, DEFAULT_DOMAIN);
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        check(rule.parameters());
        if (ColumnTypes.isNumber(column)) {
            NumberPermutation numbers = new NumberPermutation(key, ColumnTypes.base(column));
            return (value, row) -> value == null ? null : numbers.permute(value);
        }
        if (ColumnTypes.isUuid(column)) {
            UuidPermutation uuids = new UuidPermutation(key);
            return (value, row) -> value == null ? null : uuids.permute(value);
        }
        if (ColumnTypes.isCharacter(column)) {
            FormatPreservingCipher text = new FormatPreservingCipher(key,
                    "unique-map:text".getBytes(StandardCharsets.US_ASCII), false);
            return (value, row) -> value == null || value.isEmpty() ? value : text.encrypt(value, false);
        }
        throw new RuleError("algorithm", "unique-map masks numbers, uuids and character columns, and "
                + ColumnTypes.describe(column) + " is none of them.");
    }

    /** The uuid path: FF1 (radix 16) over the 30 hex digits that are neither the version nor the variant. */
    private static final class UuidPermutation {

        private static final int LENGTH = 36;
        private static final int VERSION = 14;
        private static final int VARIANT = 19;
        private static final int PERMUTED = 30;

        private final ThreadLocal<Ff1Cipher> ciphers;

        UuidPermutation(MaskingKey key) {
            byte[] material = key.material();
            byte[] tweak = "unique-map:uuid".getBytes(StandardCharsets.US_ASCII);
            this.ciphers = ThreadLocal.withInitial(() -> new Ff1Cipher(material, 16, tweak));
        }

        String permute(String value) {
            char[] chars = value.toCharArray();
            byte[] numerals = new byte[PERMUTED];
            if (!gather(chars, numerals)) {
                throw new IllegalArgumentException("unique-map found a value that is not a uuid in its text form "
                        + "(8-4-4-4-12 lower-case hex digits).");
            }
            ciphers.get().encrypt(numerals, PERMUTED);
            int next = 0;
            for (int i = 0; i < LENGTH; i++) {
                if (isPermuted(i)) {
                    chars[i] = Character.forDigit(numerals[next++], 16);
                }
            }
            return new String(chars);
        }

        private static boolean gather(char[] chars, byte[] numerals) {
            if (chars.length != LENGTH) {
                return false;
            }
            int next = 0;
            for (int i = 0; i < LENGTH; i++) {
                int digit = hex(chars[i]);
                if (isDash(i) ? chars[i] != '-' : digit < 0) {
                    return false;
                }
                if (isPermuted(i)) {
                    numerals[next++] = (byte) digit;
                }
            }
            return true;
        }

        /** A lower-case hex digit's value, -1 for anything else (PostgreSQL writes uuids in lower case). */
        private static int hex(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }

        private static boolean isDash(int position) {
            return position == 8 || position == 13 || position == 18 || position == 23;
        }

        private static boolean isPermuted(int position) {
            return !isDash(position) && position != VERSION && position != VARIANT;
        }
    }
}
