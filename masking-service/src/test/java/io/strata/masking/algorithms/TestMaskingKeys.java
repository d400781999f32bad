package io.strata.masking.algorithms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Keys for tests, made from a seed so that a test can make the same key twice, or two different ones. */
final class TestMaskingKeys implements MaskingKeys {

    private final String seed;

    TestMaskingKeys(String seed) {
        this.seed = seed;
    }

    /** A key of the domain, from the seed. */
    static MaskingKey key(String domain, String seed) {
        try {
            byte[] material = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "/" + domain).getBytes(StandardCharsets.UTF_8));
            return new MaskingKey(domain, domain + "-v1", material);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MaskingKey current(String domain) {
        return key(domain, seed);
    }

    @Override
    public MaskingKey byId(String keyId) {
        return key(keyId.substring(0, keyId.lastIndexOf("-v")), seed);
    }
}
