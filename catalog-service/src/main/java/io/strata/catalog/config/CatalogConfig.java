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
}
