package io.strata.catalog.datapods;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.catalog.config.CatalogConfig;

/**
 * Deletes data pods whose {@code expiresAt} has passed, each with a {@code datapod.delete} job requested by
 * {@code expiry}; a protected pod is kept until it is unprotected, a busy one until its operation ends.
 */
@ApplicationScoped
public class DataPodExpiry {

    @Inject
    DataPodService pods;

    @Inject
    CatalogConfig config;

    void started(@Observes StartupEvent start) {
        // The schedule below reads the same property; the mapping validates and documents it.
        Log.infof("Data pods past their expiresAt are deleted unless protected, checked every %s", config
                .podExpiryInterval());
    }

    @Scheduled(every = "${strata.catalog.pod-expiry-interval:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        for (String id : pods.expired(Instant.now())) {
            try {
                pods.expire(id);
            } catch (RuntimeException e) {
                Log.warnf("Expiring data pod %s failed, next round tries again: %s", id, e.getMessage());
            }
        }
    }
}
