package io.strata.catalog.bookmarks;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.catalog.config.CatalogConfig;

/** Deletes bookmarks whose {@code expiresAt} has passed, each with a {@code bookmark.expire} job. */
@ApplicationScoped
public class BookmarkExpiry {

    @Inject
    BookmarkService bookmarks;

    @Inject
    CatalogConfig config;

    void started(@Observes StartupEvent start) {
        // The schedule below reads the same property; the mapping validates and documents it.
        Log.infof("Bookmarks past their expiresAt are deleted, checked every %s", config.bookmarkExpiryInterval());
    }

    @Scheduled(every = "${strata.catalog.bookmark-expiry-interval:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        for (String id : bookmarks.expired(Instant.now())) {
            try {
                bookmarks.expire(id);
            } catch (RuntimeException e) {
                Log.warnf("Expiring bookmark %s failed, next round tries again: %s", id, e.getMessage());
            }
        }
    }
}
