package io.strata.masking.algorithms;

import java.time.Instant;
import java.util.List;

/**
 * Where the service's masking keys are kept, with what an administrator does with them: list the domains and their
 * versions, and make a domain's next version. Key material never leaves it through these either.
 */
public interface MaskingKeyStore extends MaskingKeys {

    /**
     * One version of a domain's key, without its material.
     *
     * @param id the key id, {@code <domain>-v<version>}
     * @param version the version, from 1
     * @param created when it was made, as the store knows it ({@code null} when it does not)
     */
    record KeyVersion(String id, int version, Instant created) {
    }

    /**
     * A domain and its key versions, oldest first; the last is the current one.
     *
     * @param domain the domain
     * @param versions its versions
     */
    record KeyDomain(String domain, List<KeyVersion> versions) {

        /** The version every run uses unless a ruleset pins another. */
        public KeyVersion current() {
            return versions.get(versions.size() - 1);
        }
    }

    /** Thrown when the keys are managed outside the service (a mounted Secret), so it cannot make one. */
    class ReadOnlyKeys extends RuntimeException {

        /** @param message what to do instead */
        public ReadOnlyKeys(String message) {
            super(message);
        }
    }

    /** Every domain that has a key, sorted by name. */
    List<KeyDomain> domains();

    /**
     * Makes the domain's next key version, which is current from then on: later runs mask that domain differently
     * from earlier ones, unless a ruleset pins the earlier version.
     *
     * @throws RuleError naming {@code domain} when the name is not a domain's
     * @throws ReadOnlyKeys when keys are made outside the service
     */
    MaskingKey rotate(String domain);
}
