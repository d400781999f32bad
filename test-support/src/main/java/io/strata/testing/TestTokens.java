package io.strata.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signed tokens for tests, made the way the catalog service makes them (RS256, issuer {@code strata}, {@code upn},
 * {@code groups}, {@code jti}) with the test key pair that {@link StrataTestEnvironment} and {@link ServiceProcess}
 * configure the services to trust. Also the tokens a test needs to see refused: expired, or signed with another key.
 * The test key pair is for tests only; a real installation makes its own.
 */
public final class TestTokens {

    /** The issuer every Strata service expects. */
    public static final String ISSUER = "strata";

    private static final Object LOCK = new Object();
    private static volatile Path keyDirectory;
    private static volatile PrivateKey privateKey;

    private TestTokens() {
    }

    /** A token of user {@code admin}, role admin, valid for an hour. */
    public static String admin() {
        return of("admin", List.of("admin"));
    }

    /** A token of {@code username} with {@code roles}, valid for an hour; its subject is the user name. */
    public static String of(String username, List<String> roles) {
        Instant now = Instant.now();
        return sign(privateKey(), claims(username, roles, now, now.plus(Duration.ofHours(1))));
    }

    /** A token that expired ten minutes ago (beyond any clock skew allowance). */
    public static String expired(String username, List<String> roles) {
        Instant now = Instant.now();
        return sign(privateKey(), claims(username, roles, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofMinutes(10))));
    }

    /** A well-formed token with the right claims, signed with a key no service trusts. */
    public static String forged(String username, List<String> roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Instant now = Instant.now();
            return sign(generator.generateKeyPair().getPrivate(), claims(username, roles, now,
                    now.plus(Duration.ofHours(1))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test public key as a file a service can be pointed at ({@code mp.jwt.verify.publickey.location}). */
    public static Path publicKeyFile() {
        return keyDirectory().resolve("public.pem");
    }

    /** The test private key as a file the catalog service signs with ({@code smallrye.jwt.sign.key.location}). */
    public static Path privateKeyFile() {
        return keyDirectory().resolve("private.pem");
    }

    /** The configuration that makes a service trust, and the catalog sign with, the test key pair. */
    public static Map<String, String> serviceConfig() {
        return Map.of("mp.jwt.verify.publickey.location", publicKeyFile().toString(),
                "smallrye.jwt.sign.key.location", privateKeyFile().toString());
    }

    /** Writes the key pair into {@code home}'s {@code secrets/jwt}, where an installation keeps its own. */
    public static void installInto(Path home) {
        try {
            Path directory = Files.createDirectories(home.resolve("secrets/jwt"));
            Files.copy(publicKeyFile(), directory.resolve("public.pem"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(privateKeyFile(), directory.resolve("private.pem"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> claims(String username, List<String> roles, Instant issuedAt,
            Instant expiresAt) {
        return Map.of("iss", ISSUER, "sub", username, "upn", username, "groups", roles, "iat",
                issuedAt.getEpochSecond(), "exp", expiresAt.getEpochSecond(), "jti", UUID.randomUUID().toString(),
                "kind", "session");
    }

    private static String sign(PrivateKey key, Map<String, Object> claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + encoder.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> claims) {
        return claims.entrySet().stream().map(entry -> quote(entry.getKey()) + ":" + value(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(TestTokens::value).collect(Collectors.joining(",", "[", "]"));
        }
        return value instanceof Number ? value.toString() : quote(value.toString());
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static PrivateKey privateKey() {
        if (privateKey == null) {
            synchronized (LOCK) {
                if (privateKey == null) {
                    try {
                        String pem = Files.readString(privateKeyFile());
                        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
                        privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return privateKey;
    }

    private static Path keyDirectory() {
        if (keyDirectory == null) {
            synchronized (LOCK) {
                if (keyDirectory == null) {
                    try {
                        Path directory = Files.createTempDirectory("strata-test-jwt",
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                        for (String name : List.of("public.pem", "private.pem")) {
                            try (InputStream in = TestTokens.class.getResourceAsStream("jwt/" + name)) {
                                Files.copy(in, directory.resolve(name));
                            }
                        }
                        directory.toFile().deleteOnExit();
                        directory.resolve("public.pem").toFile().deleteOnExit();
                        directory.resolve("private.pem").toFile().deleteOnExit();
                        keyDirectory = directory;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return keyDirectory;
    }
}
