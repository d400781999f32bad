package io.strata.masking.postgres;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.strata.masking.algorithms.Masker;

/** Keyed, deterministic test maskers: HMAC-SHA256 of the value, shaped like the column's values. */
final class HmacMaskers {

    private static final byte[] KEY = "strata-test-masking-key-32-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final int PHONE_DIGITS = 10;

    /** A Mac per thread: tables are masked in parallel, and making one per value would cost more than using it. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private HmacMaskers() {
    }

    /** Hex letters and digits, {@code length} of them; NULL stays NULL. */
    static Masker hex(int length) {
        return (value, row) -> value == null ? null : hmac(value).substring(0, length);
    }

    /** A capitalized name-like word of {@code length} characters. */
    static Masker name(int length) {
        return (value, row) -> value == null ? null : "N" + hmac(value).substring(0, length - 1);
    }

    /** An address at example.com. */
    static Masker email() {
        return (value, row) -> value == null ? null : hmac(value).substring(0, 16) + "@example.com";
    }

    /** A phone number of digits. */
    static Masker phone() {
        return (value, row) -> {
            if (value == null) {
                return null;
            }
            StringBuilder digits = new StringBuilder("+1 ");
            String hex = hmac(value);
            for (int i = 0; i < PHONE_DIGITS; i++) {
                digits.append(Character.forDigit(Character.digit(hex.charAt(i), 16) % 10, 10));
            }
            return digits.toString();
        };
    }

    static String hmac(String value) {
        return HexFormat.of().formatHex(MACS.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
