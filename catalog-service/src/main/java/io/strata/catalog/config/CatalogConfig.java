package io.strata.catalog.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The catalog service: how its self-service resources are looked after. */
@ConfigMapping(prefix = "strata.catalog")
public interface CatalogConfig {

    /** How often bookmarks whose {@code expiresAt} has passed are looked for and deleted. */
    @WithDefault("30s")
    Duration bookmarkExpiryInterval();

    /** How often data pods whose {@code expiresAt} has passed are looked for and deleted (unless protected). */
    @WithDefault("30s")
    Duration podExpiryInterval();

    /** Users, sign-in and tokens. */
    Auth auth();

    /** Users, sign-in and tokens. */
    interface Auth {

        /** How long a token from {@code POST /auth/token} is valid; sign in again after that. */
        @WithDefault("8h")
        Duration sessionDuration();

        /** The longest a personal access token may be valid ({@code expiresAt} beyond it is refused). */
        @WithDefault("366d")
        Duration maxAccessTokenDuration();

        /** The bcrypt cost (log2 of the rounds) for new password hashes; 12 takes about a quarter second. */
        @WithDefault("12")
        int bcryptCost();

        /** Failed sign-ins of one user name in a row before each further attempt must wait. */
        @WithDefault("5")
        int failedSignInsBeforeDelay();

        /** The wait after the first failure beyond the allowance; it doubles with each further one. */
        @WithDefault("1s")
        Duration firstSignInDelay();

        /** The longest wait between sign-in attempts. */
        @WithDefault("5m")
        Duration maxSignInDelay();

        /**
         * The first admin's password when no user exists yet ({@code STRATA_ADMIN_PASSWORD}); when unset, one is
         * generated and written, mode 0600, to {@code $STRATA_HOME/admin-password}.
         */
        java.util.Optional<String> adminPassword();
    }
}
