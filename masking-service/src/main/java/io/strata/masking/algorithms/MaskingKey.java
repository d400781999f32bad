package io.strata.masking.algorithms;

import java.util.Arrays;

/**
 * A secret key of one masking domain (names, e-mails, card numbers ...) at one version. Its id goes into reports and
 * lineage; its material never leaves the process: {@link #toString()} shows the id only.
 *
 * @param domain the domain, so that one key's compromise does not reveal the others
 * @param id the key's id, {@code <domain>-<version>}
 * @param material the key bytes (32)
 */
public record MaskingKey(String domain, String id, byte[] material) {

    /** A copy, so that no caller changes the key. */
    public MaskingKey {
        material = material.clone();
    }

    @Override
    public byte[] material() {
        return material.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MaskingKey key && key.id.equals(id) && Arrays.equals(key.material, material);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "MaskingKey[" + id + "]";
    }
}
