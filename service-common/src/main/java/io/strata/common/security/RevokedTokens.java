package io.strata.common.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.strata.common.schema.SchemaReady;

/**
 * The ids of revoked tokens this service refuses: kept in its own table (so that a restart forgets none) and in
 * memory (so that checking a request costs no query). Filled by {@link TokenRevocationHandler} from the catalog's
 * {@code AccessTokenRevoked} events, and directly by the catalog when it revokes.
 */
@ApplicationScoped
public class RevokedTokens {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /** Before other observers, some of which take long: until this has run, no request can be served. */
    @Transactional
    void load(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) SchemaReady ready) {
        RevokedToken.<RevokedToken>streamAll().forEach(token -> revoked.put(token.tokenId, token.expiresAt));
        loaded = true;
    }

    /** Whether the table has been read since start-up: until then no request can be judged. */
    public boolean isLoaded() {
        return loaded;
    }

    /** Whether the token with id {@code tokenId} was revoked. */
    public boolean isRevoked(String tokenId) {
        return tokenId != null && revoked.containsKey(tokenId);
    }

    /** Records a revocation (idempotent); the caller's transaction stores it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(String tokenId, Instant expiresAt) {
        if (RevokedToken.findById(tokenId) == null) {
            RevokedToken token = new RevokedToken();
            token.tokenId = tokenId;
            token.expiresAt = expiresAt;
            token.persist();
        }
        revoked.put(tokenId, expiresAt);
    }

    /** Forgets tokens that have expired since: their signature check refuses them now. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpired() {
        if (!loaded) {
            return;
        }
        Instant now = Instant.now();
        long deleted = RevokedToken.delete("expiresAt < ?1", now);
        revoked.values().removeIf(expiresAt -> expiresAt.isBefore(now));
        if (deleted > 0) {
            Log.debugf("Forgot %d revoked tokens that have expired", deleted);
        }
    }
}
