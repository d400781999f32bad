package io.strata.masking.algorithms;

/**
 * Finding the sensitive tokens of free text and JSON by hand, one pass and no regular expression, for speed: e-mail
 * addresses, IBANs, dates to leave alone, word boundaries and JSON escapes; and the check digits of card numbers
 * (Luhn) and IBANs (ISO 7064 mod 97-10).
 */
final class TextTokens {

    /** The most characters of an IBAN, without spaces. */
    static final int IBAN_MAX = 34;
    /** The fewest characters of an IBAN, without spaces (Norway's). */
    static final int IBAN_MIN = 15;

    private static final boolean[] WORD = new boolean[128];
    private static final boolean[] LOCAL = new boolean[128];

    static {
        for (char c = '0'; c <= 'z'; c++) {
            WORD[c] = Character.isLetterOrDigit(c) || c == '_';
            LOCAL[c] = WORD[c];
        }
        for (char c : ".%+-".toCharArray()) {
            LOCAL[c] = true;
        }
    }

    private TextTokens() {
    }

    /** A letter, digit or underscore: inside a word, where no token starts or ends. */
    static boolean isWordChar(char c) {
        return c < 128 ? WORD[c] : Character.isLetterOrDigit(c);
    }

    /** Whether a token may end before {@code end}: at the end, or before a character that continues no word. */
    static boolean endsWord(CharSequence text, int end) {
        if (end == text.length()) {
            return true;
        }
        return !isWordChar(text.charAt(end));
    }

    /** Where the escape sequence at {@code i} (a backslash) ends: {@code \\uXXXX} is six characters, others two. */
    static int afterEscape(CharSequence text, int i) {
        int n = text.length();
        if (i + 1 < n && text.charAt(i + 1) == 'u' && i + 6 <= n) {
            return i + 6;
        }
        return Math.min(i + 2, n);
    }

    /**
     * The next e-mail address at or after {@code from}: its start in the high 32 bits, its end in the low ones;
     * {@code -1} when there is none.
     */
    static long nextEmail(String text, int from) {
        for (int at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = localStart(text, at, from);
            int end = domainEnd(text, at);
            if (start < at && end > at) {
                return (long) start << 32 | end;
            }
        }
        return -1;
    }

    private static int localStart(String text, int at, int from) {
        int start = at;
        while (start > from && isLocal(text.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && text.charAt(start - 1) == '\\' && escaped(text, start - 1)) {
            // The address begins inside a JSON escape (a \n or \\u00e9 before it): start after the escape.
            start = afterEscape(text, start - 1);
        }
        while (start < at && text.charAt(start) == '.') {
            start++;
        }
        return start;
    }

    /** Whether the backslash at {@code i} opens an escape, i.e. is not itself escaped by an odd run before it. */
    private static boolean escaped(String text, int i) {
        int backslashes = 0;
        for (int j = i; j >= 0 && text.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /**
     * Where the domain after {@code at} ends: its labels, the last one (the top-level domain) being two letters
     * or more. Letters cut short by a digit or hyphen ({@code example.org-DE89...}) end the address there.
     */
    private static int domainEnd(String text, int at) {
        int end = at + 1;
        while (end < text.length() && isDomain(text.charAt(end))) {
            end++;
        }
        if (end == at + 1 || !isWordChar(text.charAt(at + 1))) {
            return -1;
        }
        for (int lastDot = text.lastIndexOf('.', end - 1); lastDot > at + 1; lastDot = text.lastIndexOf('.',
                lastDot - 1)) {
            int letters = lastDot + 1;
            while (letters < end && isAsciiLetter(text.charAt(letters))) {
                letters++;
            }
            if (letters - lastDot > 2 && isWordChar(text.charAt(lastDot - 1))) {
                return letters;
            }
        }
        return -1;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isLocal(char c) {
        return c < 128 && LOCAL[c];
    }

    private static boolean isDomain(char c) {
        return c < 128 && (WORD[c] && c != '_' || c == '.' || c == '-');
    }

    /**
     * The end of a date at {@code i} ({@code 2009-01-02}, {@code 02.01.2009}, {@code 01-02-2009} or
     * {@code 01/02/2009}), which looks like a phone number but is none; {@code -1} when there is none.
     */
    static int dateEnd(CharSequence text, int i, int limit) {
        int end = i + 10;
        if (end > limit || end < text.length() && DigitMasking.isDigit(text.charAt(end))) {
            return -1;
        }
        boolean yearFirst = digits(text, i, 4) && text.charAt(i + 4) == '-' && digits(text, i + 5, 2)
                && text.charAt(i + 7) == '-' && digits(text, i + 8, 2);
        char separator = text.charAt(i + 2);
        boolean dayFirst = digits(text, i, 2) && "-./".indexOf(separator) >= 0 && digits(text, i + 3, 2)
                && text.charAt(i + 5) == separator && digits(text, i + 6, 4);
        return yearFirst || dayFirst ? end : -1;
    }

    private static boolean digits(CharSequence text, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (!DigitMasking.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of an IBAN at {@code i}, compact ({@code DE89370400440532013000}) or in groups of four
     * ({@code DE89 3704 0044 0532 0130 00}), whose check digits hold; {@code -1} when there is none.
     */
    static int ibanEnd(CharSequence text, int i, int limit) {
        if (i + 4 > limit || !isUpper(text.charAt(i)) || !isUpper(text.charAt(i + 1))
                || !DigitMasking.isDigit(text.charAt(i + 2)) || !DigitMasking.isDigit(text.charAt(i + 3))) {
            return -1;
        }
        // The groups may run on into other capitals ("... 0130 00 ABCD"): try ending at each space before.
        for (int end = ibanGroupsEnd(text, i, limit); end > i + 4; end = previousSpace(text, i, end)) {
            if (endsWord(text, end) && ibanValid(text, i, end)) {
                return end;
            }
        }
        return -1;
    }

    /** Where the capitals and digits after an IBAN's first four end, single spaces between groups of four. */
    private static int ibanGroupsEnd(CharSequence text, int i, int limit) {
        int j = i + 4;
        int count = 4;
        while (j < limit && count <= IBAN_MAX) {
            char c = text.charAt(j);
            if (isIbanChar(c)) {
                count++;
            } else if (c != ' ' || count % 4 != 0 || j + 1 >= limit || !isIbanChar(text.charAt(j + 1))) {
                break;
            }
            j++;
        }
        return j;
    }

    private static int previousSpace(CharSequence text, int start, int end) {
        for (int j = end - 1; j > start; j--) {
            if (text.charAt(j) == ' ') {
                return j;
            }
        }
        return start;
    }

    /** Whether the IBAN in {@code [start, end)} (spaces skipped) has its length and valid check digits. */
    static boolean ibanValid(CharSequence text, int start, int end) {
        int length = 0;
        for (int i = start; i < end; i++) {
            length += text.charAt(i) == ' ' ? 0 : 1;
        }
        return length >= IBAN_MIN && length <= IBAN_MAX && ibanRemainder(text, start, end) == 1;
    }

    /** The IBAN's remainder modulo 97, its first four characters moved to the end, letters counted from 10. */
    static int ibanRemainder(CharSequence text, int start, int end) {
        int remainder = 0;
        for (int k = 4; k < end - start + 4; k++) {
            char c = text.charAt(k < end - start ? start + k : start + k - (end - start));
            if (c != ' ') {
                remainder = DigitMasking.isDigit(c)
                        ? (remainder * 10 + c - '0') % 97
                        : (remainder * 100 + c - 'A' + 10) % 97;
            }
        }
        return remainder;
    }

    /** Whether the digits of {@code [start, end)} (other characters skipped) pass the Luhn check. */
    static boolean luhnValid(CharSequence text, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (DigitMasking.isDigit(c)) {
                sum += luhnValue(c - '0', doubled);
                doubled = !doubled;
            }
        }
        return sum % 10 == 0;
    }

    /** The Luhn check digit that completes these digits. */
    static int luhnCheckDigit(char[] digits, int count) {
        int sum = 0;
        boolean doubled = true;
        for (int i = count - 1; i >= 0; i--) {
            sum += luhnValue(digits[i] - '0', doubled);
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    private static int luhnValue(int digit, boolean doubled) {
        if (!doubled) {
            return digit;
        }
        return digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isIbanChar(char c) {
        return isUpper(c) || DigitMasking.isDigit(c);
    }
}
