package io.strata.masking.algorithms;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A keyed permutation of {@code [0, size)} for any size up to 2<sup>62</sup>, for the domains FF1 is not approved on
 * (fewer than a million values) and for ranges that are not a whole set of digit strings. It is an alternating
 * Feistel network of ten rounds over the smallest number of bits that holds the size, with AES-256 as the round
 * function, and cycle-walking: a result outside the range is encrypted again until it falls inside, which keeps a
 * permutation of the range (fewer than two rounds of walking on average). Thread-safe.
 */
public final class KeyedPermutation {

    /** The largest size it permutes. */
    public static final long MAX_SIZE = 1L << 62;

    private static final int ROUNDS = 10;
    private static final int BLOCK = 16;

    private final ThreadLocal<RoundFunction> rounds;

    /** @param key a 32-byte AES key of its own (derive one, so that FF1 and this never share a key) */
    public KeyedPermutation(byte[] key) {
        KeyParameter parameter = new KeyParameter(key.clone());
        this.rounds = ThreadLocal.withInitial(() -> new RoundFunction(parameter));
    }

    /**
     * The value's image.
     *
     * @param value in {@code [0, size)}
     * @param size 1 to {@link #MAX_SIZE}
     * @param tweak public data that picks one of many permutations (a column's format, a sign ...)
     * @throws IllegalArgumentException when the value or size are out of range
     */
    public long permute(long value, long size, long tweak) {
        if (size < 1 || size > MAX_SIZE || value < 0 || value >= size) {
            // The value stays out of the message: it is data being masked.
            throw new IllegalArgumentException("A value outside [0, " + size + ") cannot be permuted in that range");
        }
        if (size == 1) {
            return 0;
        }
        int bits = Math.max(2, Long.SIZE - Long.numberOfLeadingZeros(size - 1));
        RoundFunction function = rounds.get();
        // The size is part of every round's input, so two sizes that share a bit count do not share a network.
        long sizedTweak = tweak ^ mix(size);
        long result = value;
        do {
            result = encrypt(function, result, bits, sizedTweak);
        } while (result >= size);
        return result;
    }

    private static long encrypt(RoundFunction function, long value, int bits, long tweak) {
        int leftBits = bits / 2;
        int rightBits = bits - leftBits;
        long leftMask = (1L << leftBits) - 1;
        long rightMask = (1L << rightBits) - 1;
        long left = value >>> rightBits;
        long right = value & rightMask;
        for (int round = 0; round < ROUNDS; round++) {
            // Each round changes one half by a function of the other, so each round (and the whole) can be undone.
            if ((round & 1) == 0) {
                left = (left ^ function.apply(tweak, round, bits, right)) & leftMask;
            } else {
                right = (right ^ function.apply(tweak, round, bits, left)) & rightMask;
            }
        }
        return (left << rightBits) | right;
    }

    /** A 64-bit finalizer (SplitMix64's), to spread a size over a tweak's bits. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One thread's AES engine and block buffers. */
    private static final class RoundFunction {

        private final BlockCipher aes = new JceAesEngine();
        private final byte[] in = new byte[BLOCK];
        private final byte[] out = new byte[BLOCK];

        RoundFunction(KeyParameter key) {
            aes.init(true, key);
        }

        /** AES of (tweak, round, bit count, half): 64 pseudo-random bits. */
        long apply(long tweak, int round, int bits, long half) {
            putLong(in, 0, tweak);
            in[8] = (byte) round;
            in[9] = (byte) bits;
            in[10] = 0;
            in[11] = 0;
            putInt(in, 12, (int) half);
            aes.processBlock(in, 0, out, 0);
            return getLong(out);
        }

        private static void putLong(byte[] buffer, int offset, long value) {
            putInt(buffer, offset, (int) (value >>> 32));
            putInt(buffer, offset + 4, (int) value);
        }

        private static void putInt(byte[] buffer, int offset, int value) {
            buffer[offset] = (byte) (value >>> 24);
            buffer[offset + 1] = (byte) (value >>> 16);
            buffer[offset + 2] = (byte) (value >>> 8);
            buffer[offset + 3] = (byte) value;
        }

        private static long getLong(byte[] buffer) {
            long result = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                result = (result << 8) | (buffer[i] & 0xFF);
            }
            return result;
        }
    }
}
