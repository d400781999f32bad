package io.strata.common.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A token refused before its expiry; the row goes once the token would have expired anyway. */
@Entity
@Table(name = "revoked_token")
public class RevokedToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_id")
    public String tokenId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
