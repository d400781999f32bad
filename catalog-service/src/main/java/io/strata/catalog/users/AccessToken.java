package io.strata.catalog.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A personal access token for scripts and pipelines: a signed token like a session's, valid until {@code expiresAt}
 * unless revoked. Only its SHA-256 is kept; the token itself is shown once, when it is made.
 */
@Entity
@Table(name = "access_token")
public class AccessToken extends PanacheEntityBase {

    /** Also the token's {@code jti} claim, which is what revocation names. */
    @Id
    public String id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String name;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
