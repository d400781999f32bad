package io.strata.masking.profiling;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.strata.masking.algorithms.MaskingKey;
import io.strata.masking.algorithms.MaskingKeys;
import io.strata.masking.algorithms.RuleError;

/**
 * Keys made only to try suggestions on the sample, so that profiling never makes a real key: nothing they mask
 * is kept.
 */
final class ThrowawayKeys implements MaskingKeys {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, MaskingKey> keys = new ConcurrentHashMap<>();

    @Override
    public MaskingKey current(String domain) {
        return keys.computeIfAbsent(domain, name -> {
            byte[] material = new byte[32];
            random.nextBytes(material);
            return new MaskingKey(name, name + "-profiling", material);
        });
    }

    @Override
    public MaskingKey byId(String keyId) {
        throw new RuleError("keyId", "Profiling tries suggestions with keys of its own; it has no key " + keyId
                + ".");
    }
}
