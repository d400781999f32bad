package io.strata.masking.postgres;

import java.util.Arrays;

/**
 * The words of one value and the 64-bit fingerprints of runs of them, as the leak check compares values. A token is a
 * maximal run of letters, digits, combining marks and {@code @ . _ + -} (so an e-mail address or a dotted number stays
 * one token), its trailing dots stripped (the full stop after a word). A run of {@code n} tokens is fingerprinted as
 * its tokens in lower case joined by one space, so {@code "Luís  GONÇALVES."} and {@code "luís gonçalves"} are the
 * same. Reused value after value by one thread; not thread-safe.
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
    private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;
    private static final long SECOND_MULTIPLIER = 0xbf58476d1ce4e5b9L;
    private static final int ROTATION = 31;

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

    /** Splits a value into its tokens; returns this. */
    Tokens of(String value) {
        text = value;
        count = 0;
        int length = value.length();
        int i = 0;
        while (i < length) {
            while (i < length && !isTokenChar(value, i)) {
                i += charCount(value, i);
            }
            int start = i;
            while (i < length && isTokenChar(value, i)) {
                i += charCount(value, i);
            }
            int end = i;
            while (end > start && value.charAt(end - 1) == '.') {
                end--;
            }
            if (end > start) {
                add(start, end);
            }
        }
        return this;
    }

    /** The chars of the code point at {@code at}; ASCII, the common case, without decoding it. */
    private static int charCount(String value, int at) {
        return value.charAt(at) < ASCII_TOKEN.length ? 1 : Character.charCount(value.codePointAt(at));
    }

    private static boolean isTokenChar(String value, int at) {
        char c = value.charAt(at);
        if (c < ASCII_TOKEN.length) {
            return ASCII_TOKEN[c];
        }
        int codePoint = value.codePointAt(at);
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
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
                hash = mixToken(n > 1 ? mix(hash, ' ') : hash, t);
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
            hash = mixToken(t > from ? mix(hash, ' ') : hash, t);
        }
        return finish(hash ^ n);
    }

    /** The hash with token {@code t} mixed in, in lower case. */
    private long mixToken(long start, int t) {
        long hash = start;
        int i = starts[t];
        while (i < ends[t]) {
            char c = text.charAt(i);
            if (c < ASCII_TOKEN.length) {
                hash = mix(hash, c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
                i++;
            } else {
                int codePoint = text.codePointAt(i);
                hash = mix(hash, Character.toLowerCase(codePoint));
                i += Character.charCount(codePoint);
            }
        }
        return hash;
    }

    private static long mix(long hash, int codePoint) {
        return Long.rotateLeft((hash ^ codePoint) * MULTIPLIER, ROTATION) * SECOND_MULTIPLIER;
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
