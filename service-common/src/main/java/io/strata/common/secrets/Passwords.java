package io.strata.common.secrets;

import java.security.SecureRandom;

/**
 * Generated secrets: passwords for the database users Strata creates, and ids that must not be guessed. From
 * {@link SecureRandom}, in letters and digits that cannot be mistaken for one another (no 0/O, 1/l/I) and need no
 * quoting in a shell, a connection string or SQL.
 */
public final class Passwords {

    /** The characters generated passwords are made of. */
    public static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** The length of a generated password: 24 characters of 56, about 139 bits. */
    public static final int LENGTH = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A new password. */
    public static String generate() {
        return generate(LENGTH);
    }

    /** A new password of {@code length} characters. */
    public static String generate(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
