package io.strata.masking.algorithms;

import org.bouncycastle.crypto.BlockCipher;

/**
 * FF1 encryption (NIST SP 800-38G, Algorithm 7) in 64-bit arithmetic, for numeral strings whose halves have at most
 * 2<sup>60</sup> values each (up to 36 digits, 24 letters, 30 hex digits): the same results as BouncyCastle's
 * {@code FPEFF1Engine} (a test compares them value for value), without its big integers and per-round arrays, and
 * with the pseudo-random function's constant blocks (P, and the tweak's whole blocks of Q) encrypted once per length
 * rather than in every round. One AES block per round remains. Not thread-safe.
 */
final class Ff1Longs {

    private static final long MAX_HALF = 1L << 60;
    private static final int BLOCK = 16;
    private static final int ROUNDS = 10;
    private static final int MAX_LENGTH = 64;

    private final BlockCipher aes;
    private final int radix;
    private final byte[] tweak;
    private final Length[] lengths = new Length[MAX_LENGTH];
    private final byte[] block = new byte[BLOCK];

    /**
     * @param aes AES, initialized for encryption with the key
     * @param radix 2 to 65536
     * @param tweak FF1's tweak
     */
    Ff1Longs(BlockCipher aes, int radix, byte[] tweak) {
        this.aes = aes;
        this.radix = radix;
        this.tweak = tweak.clone();
    }

    /** Whether strings of this length are in its range: both halves at most 2<sup>60</sup> values. */
    static boolean fits(int radix, int length) {
        return length >= 2 && length < MAX_LENGTH && power(radix, length - length / 2) <= MAX_HALF;
    }

    /** Encrypts the first {@code n} numerals in place; the caller has checked {@link #fits} and FF1's minimum. */
    void encrypt(byte[] numerals, int n) {
        Length length = length(n);
        long a = number(numerals, 0, length.u);
        long b = number(numerals, length.u, length.v);
        for (int round = 0; round < ROUNDS; round++) {
            int half = round & 1;
            long modulus = length.moduli[half];
            long c = a + reduce(prf(length, round, b), length, half);
            a = b;
            b = c >= modulus ? c - modulus : c;
        }
        // Ten rounds leave A with u numerals and B with v, as the string was split.
        write(a, numerals, 0, length.u);
        write(b, numerals, length.u, length.v);
    }

    /** R = PRF(P || Q), from the state after the constant blocks and Q's last block (the round and B). */
    private byte[] prf(Length length, int round, long b) {
        System.arraycopy(length.lastTemplate, 0, block, 0, BLOCK);
        block[BLOCK - length.b - 1] = (byte) round;
        long value = b;
        for (int i = BLOCK - 1; i >= BLOCK - length.b; i--) {
            block[i] = (byte) value;
            value >>>= 8;
        }
        for (int i = 0; i < BLOCK; i++) {
            block[i] ^= length.state[i];
        }
        aes.processBlock(block, 0, block, 0);
        return block;
    }

    /** NUM(S) mod radix^m, S being R's first d bytes (8 or 12), folded in chunks small enough not to overflow. */
    private static long reduce(byte[] r, Length length, int half) {
        long modulus = length.moduli[half];
        long low = readLong(r, length.d - Long.BYTES);
        if (length.powerOfTwo) {
            return low & (modulus - 1);
        }
        if (length.d == Long.BYTES) {
            return Long.remainderUnsigned(low, modulus);
        }
        long result = readLong(r, 0) >>> Integer.SIZE; // the top four bytes, below 2^32
        result %= modulus;
        int chunk = length.chunks[half];
        for (int remaining = Long.SIZE; remaining > 0;) {
            int take = Math.min(chunk, remaining);
            remaining -= take;
            long bits = (low >>> remaining) & ((1L << take) - 1);
            result = ((result << take) | bits) % modulus;
        }
        return result;
    }

    private long number(byte[] numerals, int offset, int count) {
        long value = 0;
        for (int i = offset; i < offset + count; i++) {
            value = value * radix + (numerals[i] & 0xFF);
        }
        return value;
    }

    private void write(long value, byte[] numerals, int offset, int count) {
        long rest = value;
        for (int i = offset + count - 1; i >= offset; i--) {
            numerals[i] = (byte) (rest % radix);
            rest /= radix;
        }
    }

    private Length length(int n) {
        if (lengths[n] == null) {
            lengths[n] = new Length(n);
        }
        return lengths[n];
    }

    private static long power(int radix, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            if (result > MAX_HALF / radix) {
                return Long.MAX_VALUE;
            }
            result *= radix;
        }
        return result;
    }

    private static long readLong(byte[] bytes, int offset) {
        long result = 0;
        for (int i = offset; i < offset + Long.BYTES; i++) {
            result = (result << 8) | (bytes[i] & 0xFF);
        }
        return result;
    }

    /** What FF1 fixes for one string length: the split, b, d, the moduli and the PRF's state after P. */
    private final class Length {

        final int u;
        final int v;
        final int b;
        final int d;
        final long[] moduli;
        final int[] chunks;
        final boolean powerOfTwo;
        final byte[] state = new byte[BLOCK];
        final byte[] lastTemplate = new byte[BLOCK];

        Length(int n) {
            u = n / 2;
            v = n - u;
            moduli = new long[]{power(radix, u), power(radix, v)};
            // b = ceil(ceil(v * log2(radix)) / 8), exactly: radix^v - 1 needs ceil(v * log2(radix)) bits.
            b = (Long.SIZE - Long.numberOfLeadingZeros(moduli[1] - 1) + 7) / 8;
            d = 4 * ((b + 3) / 4) + 4;
            // Each folding step shifts the remainder left by a chunk and must stay below 2^63.
            chunks = new int[]{chunk(moduli[0]), chunk(moduli[1])};
            powerOfTwo = Integer.bitCount(radix) == 1;
            absorbConstantBlocks(n);
        }

        private int chunk(long modulus) {
            return Long.numberOfLeadingZeros(modulus) - 1;
        }

        /** The CBC-MAC state after P and Q's whole blocks before its last, and the last block's constant bytes. */
        private void absorbConstantBlocks(int n) {
            byte[] p = {1, 2, 1, (byte) (radix >>> 16), (byte) (radix >>> 8), (byte) radix, 10, (byte) u,
                    (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n,
                    (byte) (tweak.length >>> 24), (byte) (tweak.length >>> 16), (byte) (tweak.length >>> 8),
                    (byte) tweak.length};
            aes.processBlock(p, 0, state, 0);
            int padding = Math.floorMod(-tweak.length - b - 1, BLOCK);
            byte[] constant = new byte[tweak.length + padding];
            System.arraycopy(tweak, 0, constant, 0, tweak.length);
            int lastStart = constant.length + 1 + b - BLOCK;
            for (int offset = 0; offset < lastStart; offset += BLOCK) {
                for (int i = 0; i < BLOCK; i++) {
                    state[i] ^= constant[offset + i];
                }
                aes.processBlock(state, 0, state, 0);
            }
            System.arraycopy(constant, lastStart, lastTemplate, 0, constant.length - lastStart);
        }
    }
}
