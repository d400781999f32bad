package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotDeleted;
import io.strata.contracts.storage.SnapshotView;

/**
 * What bookmarks hear from the snapshot service: the snapshots there are, so that a bookmark names one that exists.
 * The answers to holds and releases go to the operation that asked ({@link BookmarkOperations}).
 */
@ApplicationScoped
public class BookmarkEvents extends EventRoutes {

    public BookmarkEvents() {
        super(Set.of(Topics.SNAPSHOT));
        on(SnapshotCreated.class, created -> snapshotCreated(created.snapshot()));
        on(SnapshotDeleted.class, this::snapshotDeleted);
    }

    void snapshotCreated(SnapshotView snapshot) {
        if (KnownSnapshot.findById(snapshot.id()) == null) {
            KnownSnapshot known = new KnownSnapshot();
            known.id = snapshot.id();
            known.dataset = snapshot.dataset();
            known.positionTime = snapshot.positionTime();
            known.createdAt = snapshot.createdAt() != null ? snapshot.createdAt() : Instant.now();
            known.persist();
        }
    }

    void snapshotDeleted(SnapshotDeleted deleted) {
        KnownSnapshot known = KnownSnapshot.findById(deleted.snapshotId());
        if (known != null) {
            known.deleted = true;
        }
    }
}
