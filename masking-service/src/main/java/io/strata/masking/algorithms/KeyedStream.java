package io.strata.masking.algorithms;

/**
 * A deterministic stream of small keyed draws for one value (the digits of a phone number, the letters of an IBAN):
 * the bytes of the value's HMAC, then of the HMAC of that block, and so on. Each draw takes one byte and rejects the
 * few that would bias it, so every choice in {@code [0, bound)} is equally likely. Not thread-safe: one value's
 * stream is used by the thread masking it.
 */
final class KeyedStream {

    private static final int BYTE_VALUES = 256;

    private final byte[] key;
    private byte[] block;
    private int next;

    /** The stream of these parts under this key (see {@link KeyedDigest#digest(byte[], String...)}). */
    KeyedStream(byte[] key, String... parts) {
        this.key = key;
        this.block = KeyedDigest.digest(key, parts);
    }

    /**
     * The next draw in {@code [0, bound)}.
     *
     * @param bound from 1 to 256
     */
    int next(int bound) {
        int limit = BYTE_VALUES - BYTE_VALUES % bound;
        while (true) {
            if (next == block.length) {
                block = KeyedDigest.digest(key, block);
                next = 0;
            }
            int value = block[next++] & 0xFF;
            if (value < limit) {
                return value % bound;
            }
        }
    }

    /** A keyed digit character. */
    char digit() {
        return (char) ('0' + next(10));
    }

    /** A keyed digit character from 1 to 9. */
    char nonZeroDigit() {
        return (char) ('1' + next(9));
    }

    /** A keyed upper-case ASCII letter. */
    char letter() {
        return (char) ('A' + next(26));
    }
}
