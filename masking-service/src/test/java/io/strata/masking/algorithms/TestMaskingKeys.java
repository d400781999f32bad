package io.strata.masking.algorithms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Keys for tests, made from a seed and a version so that a test can make the same key twice, or two different ones;
 * every domain has the one version given.
 */
final class TestMaskingKeys implements MaskingKeys {

    private final String seed;
    private final int version;

    TestMaskingKeys(String seed) {
        this(seed, 1);
    }

    TestMaskingKeys(String seed, int version) {
        this.seed = seed;
        this.version = version;
    }

    /** A domain's version-1 key from the seed. */
    static MaskingKey key(String domain, String seed) {
        return key(domain, seed, 1);
    }

    /** A domain's key at a version, from the seed. */
    static MaskingKey key(String domain, String seed, int version) {
        try {
            byte[] material = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "/" + domain + "/" + version).getBytes(StandardCharsets.UTF_8));
            return new MaskingKey(domain, domain + "-v" + version, material);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MaskingKey current(String domain) {
        return key(domain, seed, version);
    }

    @Override
    public MaskingKey byId(String keyId) {
        int dash = keyId.lastIndexOf("-v");
        if (dash < 0 || !keyId.substring(dash + 2).equals(String.valueOf(version))) {
            throw new RuleError("key", "no key " + keyId);
        }
        return current(keyId.substring(0, dash));
    }
}
