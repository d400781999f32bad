package io.strata.masking.algorithms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.IdentityHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed, deterministic choices: HMAC-SHA256 under a masking key of the UTF-8 bytes of one or more parts. Several
 * parts are joined with a NUL byte, which PostgreSQL text never holds, so {@code ("ab", "c")} and {@code ("a", "bc")}
 * never share a digest; a single part is hashed as it is, so that {@code pick(key, name)} is exactly the HMAC of the
 * name, the rule other algorithms rely on (see {@link EmailAlgorithm}).
 *
 * <p>
 * Each thread keeps one initialised {@link Mac} per key array it has seen, so that maskers of several columns
 * masking the same row (each with its own key) do not set up HMAC again for every value; callers therefore keep
 * their key material in one array of their own and never change it.
 */
final class KeyedDigest {

    private static final String HMAC_SHA256 = "HmacSHA256";
    /** Keys kept initialised per thread: a masking job has a few per column, and a table few columns. */
    private static final int MOST_KEYS = 64;
    private static final ThreadLocal<PerThread> PER_THREAD = ThreadLocal.withInitial(PerThread::new);

    private KeyedDigest() {
    }

    /** The HMAC-SHA256 of the parts (32 new bytes). */
    static byte[] digest(byte[] key, String... parts) {
        Mac mac = PER_THREAD.get().macFor(key);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                mac.update((byte) 0);
            }
            mac.update(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return mac.doFinal();
    }

    /** The HMAC-SHA256 of raw bytes (32 new bytes), to chain blocks of a keyed stream. */
    static byte[] digest(byte[] key, byte[] data) {
        return PER_THREAD.get().macFor(key).doFinal(data);
    }

    /** 64 keyed bits: the first 8 bytes of the parts' HMAC, big-endian. */
    static long pick(byte[] key, String... parts) {
        return Keyed.toLong(digest(key, parts), 0);
    }

    /**
     * A keyed choice in {@code [0, bound)}, reduced as {@link Keyed#index} reduces; the bias of reducing 64 bits is
     * below 2<sup>-32</sup> for any {@code int} bound.
     */
    static int pick(byte[] key, int bound, String... parts) {
        return Keyed.index(pick(key, parts), bound);
    }

    /** One thread's Macs, one per key array. */
    private static final class PerThread {

        // Identity, not content: a masker holds its own copy of the key, so the same array means the same key. The
        // last one used is looked at first, since a column's values come one after another.
        private final Map<byte[], Mac> macs = new IdentityHashMap<>();
        private byte[] lastKey;
        private Mac lastMac;

        Mac macFor(byte[] wanted) {
            if (wanted != lastKey) {
                if (macs.size() == MOST_KEYS && !macs.containsKey(wanted)) {
                    // A caller that brings a new array each time would otherwise fill the map.
                    macs.clear();
                }
                lastMac = macs.computeIfAbsent(wanted, PerThread::newMac);
                lastKey = wanted;
            }
            return lastMac;
        }

        private static Mac newMac(byte[] key) {
            try {
                Mac mac = Mac.getInstance(HMAC_SHA256);
                mac.init(new SecretKeySpec(key, HMAC_SHA256));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 cannot be keyed with the masking key", e);
            }
        }
    }
}
