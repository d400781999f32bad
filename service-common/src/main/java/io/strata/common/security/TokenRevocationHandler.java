package io.strata.common.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.TypedEventHandler;
import io.strata.contracts.auth.AccessTokenRevoked;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;

/** Makes every service refuse a token the catalog revoked. */
@ApplicationScoped
public class TokenRevocationHandler extends TypedEventHandler<AccessTokenRevoked> {

    @Inject
    RevokedTokens revokedTokens;

    public TokenRevocationHandler() {
        super(AccessTokenRevoked.class, Set.of(Topics.CATALOG));
    }

    @Override
    protected void handle(AccessTokenRevoked revoked, EventEnvelope envelope) {
        revokedTokens.revoke(revoked.tokenId(), revoked.expiresAt());
    }
}
