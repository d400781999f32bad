package io.strata.masking.algorithms;

/**
 * A run of digit groups in text, as phone numbers, SSNs and card numbers are written: an optional leading
 * {@code +}, groups of digits (one may be in parentheses) joined by single spaces, hyphens or dots
 * ({@code +1 (555) 010-9999}, {@code 123-45-6789}, {@code 4111 1111 1111 1111}); and what it looks like. The shapes
 * are heuristics, tuned to catch these numbers as people write them while leaving amounts, decimals, dates and
 * versions alone. Reused for every run of one text, so not thread-safe.
 */
final class DigitRun {

    /** The most digits a run of interest has (a card number's 19). */
    private static final int MAX_DIGITS = 19;
    private static final int MAX_GROUPS = 12;
    private static final int SPACE = 1;
    private static final int HYPHEN = 2;
    private static final int DOT = 4;

    private final int[] lengths = new int[MAX_GROUPS];
    private final int[] cuts = new int[MAX_GROUPS];
    private int cutCount;
    private int start;
    private int end;
    private int digits;
    private int groups;
    private int separators;
    private boolean plus;
    private boolean parens;

    /** Reads the run at {@code i}, not past {@code limit}; {@link #end()} is {@code i} when there is none. */
    void parse(CharSequence text, int i, int limit) {
        start = i;
        end = i;
        digits = 0;
        groups = 0;
        separators = 0;
        cutCount = 0;
        plus = text.charAt(i) == '+';
        parens = false;
        int j = plus ? i + 1 : i;
        while (groups < MAX_GROUPS) {
            j = group(text, j, limit);
            if (j < 0) {
                return;
            }
            // A date after a separator is no group of the number before it ("+1 555 010 9999 2009-01-02").
            int separator = j + 1 < limit && startsGroup(text, j + 1, limit) && TextTokens.dateEnd(text, j + 1,
                    limit) < 0 ? separator(text.charAt(j)) : 0;
            if (separator != 0) {
                separators |= separator;
                if (separator != DOT) {
                    cuts[cutCount++] = j;
                }
                j++;
            } else if (text.charAt(j - 1) != ')' || j >= limit || !DigitMasking.isDigit(text.charAt(j))) {
                // Only a closing parenthesis may be followed by the next group at once: "(555)010-9999".
                return;
            }
        }
    }

    /** Reads one group of digits at {@code j}, in parentheses or not, and tells where it ends; -1 when none. */
    private int group(CharSequence text, int j, int limit) {
        boolean open = j < limit && text.charAt(j) == '(';
        int first = open ? j + 1 : j;
        int last = first;
        while (last < limit && DigitMasking.isDigit(text.charAt(last))) {
            last++;
        }
        boolean closed = open && last < limit && text.charAt(last) == ')';
        if (last == first || open && !closed) {
            return -1;
        }
        parens |= closed;
        lengths[groups++] = last - first;
        digits += last - first;
        end = closed ? last + 1 : last;
        return end;
    }

    /** Whether the run was read to its end, not cut off after too many groups. */
    boolean complete() {
        return groups < MAX_GROUPS;
    }

    /**
     * How many spaces or hyphens join its groups. A run that is no number of interest as a whole may hold one before
     * or after such a cut, when other digits stand next to it ({@code qty 2 4111 1111 1111 1111}); reading it again
     * up to a cut, or from after one, finds it. A dot is no cut: digits on both sides of one are a decimal number.
     */
    int cutCount() {
        return cutCount;
    }

    /** Where the {@code k}th space or hyphen joining its groups stands (the end of the groups before it). */
    int cut(int k) {
        return cuts[k];
    }

    /** Where the run ends (after its last digit or parenthesis). */
    int end() {
        return end;
    }

    /** An SSN: nine digits, alone or as {@code 123-45-6789}. */
    boolean isSsn() {
        if (plus || parens || digits != 9) {
            return false;
        }
        return groups == 1 || groups == 3 && separators == HYPHEN && lengths[0] == 3 && lengths[1] == 2;
    }

    /**
     * A card number: 13 to 19 digits whose Luhn check holds, in one piece or grouped by spaces or hyphens with a
     * first group of four (as every card's printed grouping has).
     */
    boolean isCard(CharSequence text) {
        boolean grouping = separators == 0 || (separators == SPACE || separators == HYPHEN) && lengths[0] == 4;
        return !plus && !parens && grouping && digits >= 13 && digits <= MAX_DIGITS
                && TextTokens.luhnValid(text, start, end);
    }

    /**
     * A phone number: 7 to 15 digits that start with {@code +} or hold an area code in parentheses; or, without
     * them, 10 digits or more in one piece, or groups of at most four digits (dots only between three or more
     * groups; a number grouped by thousands, {@code 1 000 000}, is no phone number).
     */
    boolean isPhone() {
        if (digits < 7 || digits > 15) {
            return false;
        }
        if (plus || parens) {
            return true;
        }
        if (groups == 1) {
            return digits >= 10;
        }
        boolean thousands = (separators & HYPHEN) == 0;
        for (int g = 0; g < groups; g++) {
            if (lengths[g] > 4) {
                return false;
            }
            thousands &= g == 0 || lengths[g] == 3;
        }
        return !thousands && (separators != DOT || groups >= 3);
    }

    /** A number alone, neither {@code +} nor groups: the only kind of run JSON has outside its strings. */
    boolean isBare() {
        return !plus && groups == 1;
    }

    private static boolean startsGroup(CharSequence text, int i, int limit) {
        char c = text.charAt(i);
        return DigitMasking.isDigit(c) || c == '(' && i + 1 < limit && DigitMasking.isDigit(text.charAt(i + 1));
    }

    private static int separator(char c) {
        return switch (c) {
            case ' ' -> SPACE;
            case '-' -> HYPHEN;
            case '.' -> DOT;
            default -> 0;
        };
    }
}
