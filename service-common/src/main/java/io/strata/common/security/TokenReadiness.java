package io.strata.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the revoked tokens are read from the service's database. Until then no token can be judged, so every
 * request would be refused ({@link AccessControl}).
 */
@Readiness
@ApplicationScoped
public class TokenReadiness implements HealthCheck {

    @Inject
    RevokedTokens revokedTokens;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("tokens");
        return revokedTokens.isLoaded()
                ? response.up().build()
                : response.withData("problem", "the revoked tokens are not read yet").down().build();
    }
}
