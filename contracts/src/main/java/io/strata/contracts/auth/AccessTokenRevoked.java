package io.strata.contracts.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a token was revoked before it expired (a personal access token deleted by its user or an admin). Every
 * service keeps the id until {@code expiresAt} and refuses the token with a 401 from then on. The token itself is
 * never in the event.
 *
 * @param tokenId the token's id (its {@code jti} claim)
 * @param userId the user it belonged to
 * @param expiresAt when the token would have expired anyway; after that the id may be forgotten
 */
@EventType(value = "AccessTokenRevoked", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessTokenRevoked(String tokenId, String userId, Instant expiresAt) implements Event {

    @Override
    public String subject() {
        return tokenId;
    }
}
