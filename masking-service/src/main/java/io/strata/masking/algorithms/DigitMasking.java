package io.strata.masking.algorithms;

/**
 * Keyed replacement of the digits in a stretch of text, every other character kept: the digits of phone numbers
 * and SSNs. The keyed stream is seeded with a tag and the digits alone, so one number written in two formats gets the
 * same digits. The first digit of the number, when replaced, stays zero or non-zero as it was: a trunk prefix stays
 * {@code 0}, and a JSON number gains no leading zero.
 */
final class DigitMasking {

    private DigitMasking() {
    }

    /**
     * Appends the stretch {@code [start, end)} of the text to {@code out} with its digits replaced.
     *
     * @param tag what kind of number it is, so that two kinds masked with one key draw different digits
     * @param keep how many leading digits to keep as they are
     */
    static void appendMasked(byte[] key, String tag, CharSequence text, int start, int end, int keep,
            StringBuilder out) {
        KeyedStream stream = new KeyedStream(key, tag, digitsOf(text, start, end));
        int seen = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                if (seen >= keep) {
                    c = seen == 0 ? firstDigit(c, stream) : stream.digit();
                }
                seen++;
            }
            out.append(c);
        }
    }

    private static char firstDigit(char original, KeyedStream stream) {
        return original == '0' ? '0' : stream.nonZeroDigit();
    }

    /** The digits of the stretch, in order. */
    static String digitsOf(CharSequence text, int start, int end) {
        StringBuilder digits = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /** An ASCII digit (not any Unicode digit, which PostgreSQL's numbers never hold). */
    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
