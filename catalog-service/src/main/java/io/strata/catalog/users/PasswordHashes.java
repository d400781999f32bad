package io.strata.catalog.users;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import io.strata.catalog.config.CatalogConfig;

/** bcrypt password hashes: made with the configured cost, checked with the cost stored in each hash. */
@ApplicationScoped
public class PasswordHashes {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The hash of a random password, checked against when the user name is unknown. */
    private volatile String decoy;

    @Inject
    CatalogConfig config;

    /** A new hash of {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, config.auth().bcryptCost());
    }

    /** Whether {@code password} matches {@code hash}. */
    public boolean matches(String hash, String password) {
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    /**
     * Spends the time a real check would for a user name that does not exist, so that the answer's timing does not
     * tell which user names exist.
     */
    public void checkDecoy(String password) {
        if (decoy == null) {
            decoy = hash("strata-decoy-" + RANDOM.nextLong());
        }
        matches(decoy, password);
    }
}
