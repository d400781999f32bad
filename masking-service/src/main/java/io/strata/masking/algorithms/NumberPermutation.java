package io.strata.masking.algorithms;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * unique-map's permutation of numbers in PostgreSQL's text form ({@code 42}, {@code -7}, {@code 123.45}): it keeps
 * the sign, the scale and the number of significant digits, writes no leading zero, and keeps an {@code int2},
 * {@code int4} or {@code int8} inside its type's range. It permutes the unscaled digits ({@code 12345} for
 * {@code 123.45}) among the numbers of as many digits: with FF1 and cycle-walking (encrypting again until the first
 * digit is not zero and the number fits the type) when there are a million of them or more, with a
 * {@link KeyedPermutation} of exactly the allowed range when there are fewer, or when the type's bound cuts the range
 * ({@code int4}'s ten-digit numbers stop at 2147483647, where FF1 would walk nine times on average). Thread-safe.
 */
final class NumberPermutation {

    private static final int LONG_DIGITS = 18;
    private static final long[] POWERS = new long[LONG_DIGITS + 1];
    /** The largest magnitude of each integer type, positive then negative. */
    private static final Map<String, String[]> BOUNDS = Map.of(
            "int2", new String[]{"32767", "32768"},
            "smallint", new String[]{"32767", "32768"},
            "int4", new String[]{"2147483647", "2147483648"},
            "integer", new String[]{"2147483647", "2147483648"},
            "int8", new String[]{"9223372036854775807", "9223372036854775808"},
            "bigint", new String[]{"9223372036854775807", "9223372036854775808"});

    static {
        POWERS[0] = 1;
        for (int i = 1; i <= LONG_DIGITS; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private final byte[] ff1Key;
    private final KeyedPermutation smallRanges;
    private final String[] bounds;
    private final ThreadLocal<Ff1Cipher[]> ciphers = ThreadLocal.withInitial(() -> new Ff1Cipher[2]);

    /**
     * @param key the masking key (FF1's AES key; a key derived from it keys the small ranges' permutation)
     * @param type the column's type name without schema, which sets the bounds ({@code numeric} has none)
     */
    NumberPermutation(MaskingKey key, String type) {
        this.ff1Key = key.material();
        this.smallRanges = new KeyedPermutation(new Keyed(key).derive("unique-map-numbers"));
        this.bounds = BOUNDS.get(type);
    }

    /**
     * The value's image.
     *
     * @throws IllegalArgumentException when the value is not a number's text form (the message never holds it)
     */
    String permute(String value) {
        if ("NaN".equals(value) || "Infinity".equals(value) || "-Infinity".equals(value)) {
            return value;
        }
        boolean negative = value.startsWith("-");
        int point = value.indexOf('.');
        int scale = point < 0 ? 0 : value.length() - point - 1;
        String unscaled = unscaled(value, negative ? 1 : 0, point);
        if (negative && "0".equals(unscaled)) {
            return value;
        }
        String bound = bounds == null || scale > 0 ? null : bounds[negative ? 1 : 0];
        return format(negative, permuteUnscaled(unscaled, negative, bound), scale);
    }

    /** The digits without sign, decimal point or leading zeros: {@code 12345} for {@code -0123.45}. */
    private static String unscaled(String value, int start, int point) {
        String digits = point < 0 ? value.substring(start) : value.substring(start, point) + value.substring(point + 1);
        if (digits.isEmpty() || point == start || !allDigits(digits)) {
            throw new IllegalArgumentException("unique-map masks this column's values as numbers, and found one that "
                    + "is not a number's text form (digits, an optional sign and decimal point).");
        }
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }

    private String permuteUnscaled(String digits, boolean negative, String bound) {
        int length = digits.length();
        // Walking from outside the allowed numbers might never reach one, so such a number is refused first.
        if (bound != null && (length > bound.length() || length == bound.length() && digits.compareTo(bound) > 0)) {
            throw new IllegalArgumentException("unique-map found a number beyond the range of the column's type.");
        }
        if (length > LONG_DIGITS) {
            return walk(digits, negative, bound);
        }
        long low = length == 1 ? (negative ? 1 : 0) : POWERS[length - 1];
        long high = POWERS[length] - 1;
        boolean bounded = bound != null && bound.length() == length;
        if (bounded) {
            high = Long.parseLong(bound);
        }
        long size = high - low + 1;
        if (size >= Ff1Cipher.MIN_DOMAIN && !bounded) {
            return walk(digits, negative, null);
        }
        return Long.toString(low + smallRanges.permute(Long.parseLong(digits) - low, size, negative ? 1 : 0));
    }

    /** FF1 over the digits, again and again until the first digit is not zero and the number is within bounds. */
    private String walk(String digits, boolean negative, String bound) {
        int length = digits.length();
        byte[] numerals = new byte[length];
        for (int i = 0; i < length; i++) {
            numerals[i] = (byte) (digits.charAt(i) - '0');
        }
        Ff1Cipher cipher = cipher(negative ? 1 : 0);
        do {
            cipher.encrypt(numerals, length);
        } while (numerals[0] == 0 || exceeds(numerals, bound));
        char[] result = new char[length];
        for (int i = 0; i < length; i++) {
            result[i] = (char) ('0' + numerals[i]);
        }
        return new String(result);
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean exceeds(byte[] numerals, String bound) {
        if (bound == null || bound.length() != numerals.length) {
            return false;
        }
        for (int i = 0; i < numerals.length; i++) {
            int difference = numerals[i] - (bound.charAt(i) - '0');
            if (difference != 0) {
                return difference > 0;
            }
        }
        return false;
    }

    private Ff1Cipher cipher(int sign) {
        Ff1Cipher[] own = ciphers.get();
        if (own[sign] == null) {
            // Positive and negative numbers get different permutations, so -x does not give away x's image.
            own[sign] = new Ff1Cipher(ff1Key, 10, ("unique-map:number:" + sign).getBytes(StandardCharsets.US_ASCII));
        }
        return own[sign];
    }

    private static String format(boolean negative, String unscaled, int scale) {
        StringBuilder text = new StringBuilder(unscaled.length() + scale + 3);
        if (negative) {
            text.append('-');
        }
        for (int i = unscaled.length(); i <= scale; i++) {
            text.append('0');
        }
        text.append(unscaled);
        if (scale > 0) {
            text.insert(text.length() - scale, '.');
        }
        return text.toString();
    }
}
