package io.strata.masking.algorithms;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * The keys of a ruleset that pins some domains to given versions ({@code {"names": "names-v1"}}): those domains mask
 * with the pinned version, the others with their current one. A pin keeps copies masked before a rotation and after
 * it consistent, and repeats an earlier run exactly.
 */
public final class PinnedKeys implements MaskingKeys {

    private final MaskingKeys keys;
    private final Map<String, String> pins;

    /**
     * @param keys where the keys come from
     * @param pins key id by domain
     */
    public PinnedKeys(MaskingKeys keys, Map<String, String> pins) {
        this.keys = keys;
        this.pins = pins == null ? Map.of() : Map.copyOf(pins);
    }

    /**
     * Checks pins as a ruleset is saved: each names a domain and an existing key of that domain.
     *
     * @return the pins, sorted by domain
     * @throws RuleError naming {@code keys.<domain>} otherwise
     */
    public static Map<String, String> checked(Map<String, String> pins, MaskingKeys keys) {
        Map<String, String> sorted = new TreeMap<>();
        if (pins == null) {
            return sorted;
        }
        pins.forEach((domain, keyId) -> {
            String field = "keys." + domain;
            try {
                FileMaskingKeys.checkDomain(domain);
                Matcher id = FileMaskingKeys.parseId(keyId);
                if (!id.group(1).equals(domain)) {
                    throw new RuleError(field, "The domain " + domain + " is pinned to " + keyId + ", a key of the "
                            + "domain " + id.group(1) + "; name a key of " + domain + ", like " + domain + "-v1.");
                }
                keys.byId(keyId);
            } catch (RuleError e) {
                throw e.field().equals(field) ? e : new RuleError(field, e.getMessage());
            }
            sorted.put(domain, keyId);
        });
        return sorted;
    }

    /** The pinned version of the domain, or its current one. */
    @Override
    public MaskingKey current(String domain) {
        String pinned = pins.get(domain);
        return pinned == null ? keys.current(domain) : keys.byId(pinned);
    }

    @Override
    public MaskingKey byId(String keyId) {
        return keys.byId(keyId);
    }
}
