package io.strata.catalog.users;

import java.time.Instant;
import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs tokens with the installation's private key ({@code smallrye.jwt.sign.key.location}); every service checks
 * them with the public one. A token names its user ({@code upn}, {@code sub} = the user's id), the user's roles
 * ({@code groups}), its own id ({@code jti}, which revocation names) and its kind ({@code session} or
 * {@code access-token}).
 */
@ApplicationScoped
public class TokenIssuer {

    /** The issuer every service expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "strata";

    /** Signs a token for {@code user}. */
    public String sign(User user, String tokenId, String kind, Instant expiresAt) {
        return Jwt.issuer(ISSUER).upn(user.username).subject(user.id).groups(new HashSet<>(user.roles))
                .claim("jti", tokenId).claim("kind", kind).issuedAt(Instant.now()).expiresAt(expiresAt).sign();
    }
}
