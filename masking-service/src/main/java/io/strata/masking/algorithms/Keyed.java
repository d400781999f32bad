package io.strata.masking.algorithms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.random.RandomGenerator;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed, deterministic choices made with HMAC-SHA256 from a masking key and a value: the same key and value always
 * give the same choice, and without the key nobody can tell which. Thread-safe: each thread keeps its own
 * {@link Mac} and buffers, so a masker holds one {@code Keyed} and calls it for every value without allocating.
 */
public final class Keyed {

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int MAC_LENGTH = 32;
    private static final int BUFFER_LENGTH = 256;

    private final ThreadLocal<PerThread> perThread;

    /** Choices keyed by a masking key. */
    public Keyed(MaskingKey key) {
        this(key.material());
    }

    /** Choices keyed by raw key bytes (a key derived with {@link #derive}, or a test's). */
    public Keyed(byte[] material) {
        SecretKeySpec spec = new SecretKeySpec(material.clone(), HMAC_SHA256);
        newMac(spec); // fail here, not on the first value, if the JDK lacks HMAC-SHA256
        this.perThread = ThreadLocal.withInitial(() -> new PerThread(newMac(spec)));
    }

    /** HMAC-SHA256 of the value's UTF-8 bytes (a new array of 32 bytes). */
    public byte[] hmac(String value) {
        return digest(value).clone();
    }

    /**
     * A key of 32 bytes derived from this one for one purpose, so that two uses of a key (a PRF here, a cipher
     * there) never work with the same secret.
     */
    public byte[] derive(String purpose) {
        // PostgreSQL text never holds a NUL character, so no masked value shares its HMAC with a derived key.
        return hmac("\u0000strata-derive:" + purpose);
    }

    /** 64 keyed bits of the value (the first 8 bytes of its HMAC, big-endian). */
    public long pickLong(String value) {
        return toLong(digest(value), 0);
    }

    /**
     * A keyed choice in {@code [0, bound)}: different values spread evenly over the range (the bias of reducing 64
     * bits modulo {@code bound} is below 2<sup>-32</sup>).
     *
     * @throws IllegalArgumentException when {@code bound} is not positive
     */
    public int pickInt(String value, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return index(pickLong(value), bound);
    }

    /**
     * The one way 64 keyed bits become an index in {@code [0, bound)}, the bits read as an unsigned number modulo
     * {@code bound}. Every algorithm that must agree with another on a choice (an e-mail made from the name
     * secure-lookup gives) reduces with this.
     */
    static int index(long bits, int bound) {
        return (int) Long.remainderUnsigned(bits, bound);
    }

    /**
     * A deterministic stream of keyed random numbers for the value, for algorithms that need several draws (noise,
     * a shift and a sign ...). It chains HMAC blocks: the value's HMAC gives the first four longs, the HMAC of each
     * block the next four. A stream is not thread-safe (make one per value being masked); all of
     * {@link RandomGenerator}'s methods ({@code nextInt(bound)}, {@code nextDouble()}, {@code nextGaussian()} ...)
     * draw from it.
     */
    public RandomGenerator random(String value) {
        return new Stream(hmac(value));
    }

    /** The HMAC of the value in this thread's buffer, valid until the thread's next call. */
    private byte[] digest(String value) {
        PerThread state = perThread.get();
        int length = value.length();
        if (length <= BUFFER_LENGTH && asciiInto(value, state.in)) {
            state.mac.update(state.in, 0, length);
        } else {
            state.mac.update(value.getBytes(StandardCharsets.UTF_8));
        }
        return state.finish();
    }

    /** Copies the value into the buffer when it is all ASCII (so its UTF-8 bytes are its chars). */
    private static boolean asciiInto(String value, byte[] buffer) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            buffer[i] = (byte) c;
        }
        return true;
    }

    /** The big-endian long at {@code offset} of the bytes. */
    static long toLong(byte[] bytes, int offset) {
        long result = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            result = (result << 8) | (bytes[offset + i] & 0xFF);
        }
        return result;
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** One thread's Mac and buffers. */
    private static final class PerThread {

        final Mac mac;
        final byte[] in = new byte[BUFFER_LENGTH];
        final byte[] out = new byte[MAC_LENGTH];

        PerThread(Mac mac) {
            this.mac = mac;
        }

        byte[] finish() {
            try {
                mac.doFinal(out, 0);
                return out;
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The keyed stream of {@link #random}. */
    private final class Stream implements RandomGenerator {

        private byte[] block;
        private int next;

        Stream(byte[] first) {
            this.block = first;
        }

        @Override
        public long nextLong() {
            if (next == MAC_LENGTH) {
                PerThread state = perThread.get();
                state.mac.update(block);
                block = state.finish().clone();
                next = 0;
            }
            long result = toLong(block, next);
            next += Long.BYTES;
            return result;
        }
    }
}
