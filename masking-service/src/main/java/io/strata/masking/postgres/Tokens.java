package io.strata.masking.postgres;

import java.util.Arrays;

/**
 * The words of one value and the 64-bit fingerprints of runs of them, as the leak check compares values. A token is a
 * maximal run of letters, digits, combining marks and {@code @ . _ + -} (so an e-mail address or a dotted number stays
 * one token), its trailing dots stripped (the full stop after a word). A run of {@code n} tokens is fingerprinted as
 * its tokens in lower case joined by one space, so {@code "Luís  GONÇALVES."} and {@code "luís gonçalves"} are the
 * same. Reused value after value by one thread; not thread-safe.
 * <p>
 * Each token is hashed once, as it is found (its characters in lower case), and a run's fingerprint is made of its
 * tokens' hashes: the runs of a value share their tokens, so the characters are not read again for every run they
 * are in, which made most of the leak check's work while masking.
 */
final class Tokens {

    /** The longest run of tokens looked for inside a text. */
    static final int MAX_GRAM = 4;

    /**
     * The shortest run (in characters, spaces included) worth a fingerprint: shorter values (initials, state codes,
     * small numbers) are in every database by chance, so finding one tells nothing.
     */
    static final int MIN_LENGTH = 4;

    private static final String PUNCTUATION_IN_TOKENS = "@._+-";
    private static final long SEED = 0x6a09e667f3bcc908L;
    private static final long TOKEN_SEED = 0xbb67ae8584caa73bL;
    private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;
    private static final long SECOND_MULTIPLIER = 0xbf58476d1ce4e5b9L;
    private static final int ROTATION = 31;
    /** Chars packed into each step of a token's hash, 16 bits each. */
    private static final int UNITS_PER_STEP = 4;
    private static final int UNIT_SHIFT = 4;

    /** Which ASCII characters are in tokens, so that most text skips the Unicode tables. */
    private static final boolean[] ASCII_TOKEN = new boolean[128];

    static {
        for (char c = 0; c < ASCII_TOKEN.length; c++) {
            ASCII_TOKEN[c] = Character.isLetterOrDigit(c) || PUNCTUATION_IN_TOKENS.indexOf(c) >= 0;
        }
    }

    private String text = "";
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    /** The hash of each token's characters in lower case. */
    private long[] hashes = new long[16];

    /** Splits a value into its tokens and hashes each one; returns this. */
    Tokens of(String value) {
        text = value;
        count = 0;
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c < ASCII_TOKEN.length) {
                i = ASCII_TOKEN[c] ? token(i) : i + 1;
            } else {
                int codePoint = value.codePointAt(i);
                i = isTokenCodePoint(codePoint) ? token(i) : i + Character.charCount(codePoint);
            }
        }
        return this;
    }

    /** Adds the token that starts at {@code start}, its trailing dots left out; returns where it ends. */
    private int token(int start) {
        int length = text.length();
        boolean ascii = true;
        int i = start;
        while (i < length) {
            char c = text.charAt(i);
            if (c < ASCII_TOKEN.length) {
                if (!ASCII_TOKEN[c]) {
                    break;
                }
                i++;
            } else {
                int codePoint = text.codePointAt(i);
                if (!isTokenCodePoint(codePoint)) {
                    break;
                }
                ascii = false;
                i += Character.charCount(codePoint);
            }
        }
        int end = i;
        while (end > start && text.charAt(end - 1) == '.') {
            end--;
        }
        if (end > start) {
            add(start, end, ascii ? hashUnits(text, start, end) : hashUnits(lowerCase(start, end), 0, -1));
        }
        return i;
    }

    private static boolean isTokenCodePoint(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private void add(int start, int end, long hash) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        hashes[count] = hash;
        count++;
    }

    /** The number of tokens. */
    int count() {
        return count;
    }

    /** Whether the run of {@code n} tokens from {@code from} is at least {@link #MIN_LENGTH} characters long. */
    boolean longEnough(int from, int n) {
        int length = n - 1;
        for (int t = from; t < from + n && length < MIN_LENGTH; t++) {
            length += ends[t] - starts[t];
        }
        return length >= MIN_LENGTH;
    }

    /**
     * Gives the fingerprint of every run of 1 to {@code longest} tokens that is long enough, except the run of all
     * the tokens (the whole value, which callers look at on its own).
     */
    void forEachPart(int longest, Fingerprints sink) {
        int most = Math.min(longest, count);
        for (int from = 0; from < count; from++) {
            // The runs from one token share their beginning, so each one's hash goes on from the shorter one's.
            long hash = SEED;
            int length = -1;
            for (int n = 1; n <= most && from + n <= count; n++) {
                int t = from + n - 1;
                hash = mix(hash, hashes[t]);
                length += ends[t] - starts[t] + 1;
                if (n < count && length >= MIN_LENGTH) {
                    sink.accept(finish(hash ^ n));
                }
            }
        }
    }

    /** Whether the whole value is long enough to fingerprint. */
    boolean wholeLongEnough() {
        return count > 0 && longEnough(0, count);
    }

    /** The fingerprint of the whole value: all its tokens. */
    long wholeFingerprint() {
        return fingerprint(0, count);
    }

    /** Takes fingerprints one by one. */
    @FunctionalInterface
    interface Fingerprints {

        void accept(long fingerprint);
    }

    /** The fingerprint of the run of {@code n} tokens from {@code from}. */
    long fingerprint(int from, int n) {
        long hash = SEED;
        for (int t = from; t < from + n; t++) {
            hash = mix(hash, hashes[t]);
        }
        return finish(hash ^ n);
    }

    /** The token from {@code start} to {@code end} with every code point in lower case. */
    private String lowerCase(int start, int end) {
        StringBuilder lower = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int codePoint = text.codePointAt(i);
            lower.appendCodePoint(Character.toLowerCase(codePoint));
            i += Character.charCount(codePoint);
        }
        return lower.toString();
    }

    /**
     * The hash of the chars of {@code units} from {@code start} to {@code end} ({@code -1}: its end), ASCII capitals
     * in lower case (the only capitals left: other tokens come lowered by {@link #lowerCase}). Four chars are packed
     * into each 64-bit step, a quarter of the multiplications of a step per char; the count of chars is mixed in
     * last, so that a short last step (its missing chars 0, never a token char) is not taken for a longer one.
     */
    private static long hashUnits(String units, int start, int end) {
        int to = end < 0 ? units.length() : end;
        long hash = TOKEN_SEED;
        long word = 0;
        int packed = 0;
        for (int i = start; i < to; i++) {
            char c = units.charAt(i);
            long unit = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            word |= unit << (packed << UNIT_SHIFT);
            if (++packed == UNITS_PER_STEP) {
                hash = mix(hash, word);
                word = 0;
                packed = 0;
            }
        }
        if (packed > 0) {
            hash = mix(hash, word);
        }
        return finish(hash ^ (to - start));
    }

    private static long mix(long hash, long input) {
        return Long.rotateLeft((hash ^ input) * MULTIPLIER, ROTATION) * SECOND_MULTIPLIER;
    }

    /** MurmurHash3's finalizer, so that every input bit reaches every output bit. */
    private static long finish(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
