package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotDeleted;
import io.strata.contracts.storage.SnapshotHoldChanged;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.StorageRequestFailed;

/**
 * What bookmarks hear from the snapshot service: the snapshots there are (so that a bookmark names one that exists)
 * and the answers to the holds bookmarks asked for or released.
 */
@ApplicationScoped
public class BookmarkEvents extends EventRoutes {

    @Inject
    BookmarkService bookmarks;

    public BookmarkEvents() {
        super(Set.of(Topics.SNAPSHOT));
        on(SnapshotCreated.class, created -> snapshotCreated(created.snapshot()));
        on(SnapshotDeleted.class, this::snapshotDeleted);
        on(SnapshotHoldChanged.class, this::holdChanged);
        on(StorageRequestFailed.class, this::refused);
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

    void holdChanged(SnapshotHoldChanged change) {
        BookmarkHold hold = holdAsked(change.requestId());
        if (hold == null) {
            return;
        }
        Bookmark bookmark = Bookmark.findById(hold.bookmarkId);
        if (change.held() && hold.state == BookmarkHold.State.REQUESTED) {
            hold.state = BookmarkHold.State.HELD;
            bookmarks.ready(bookmark);
        } else if (!change.held() && hold.state == BookmarkHold.State.RELEASING) {
            hold.delete();
            bookmarks.gone(bookmark);
        }
    }

    void refused(StorageRequestFailed failure) {
        BookmarkHold hold = holdAsked(failure.requestId());
        if (hold == null) {
            return;
        }
        Bookmark bookmark = Bookmark.findById(hold.bookmarkId);
        if (hold.state == BookmarkHold.State.REQUESTED) {
            bookmarks.failed(bookmark, "The snapshot service did not hold snapshot " + hold.snapshotId + ": "
                    + failure.reason());
        } else {
            // A release cannot leave a hold behind that it failed to remove; say so and let the bookmark go.
            Log.warnf("Releasing snapshot %s for %s failed: %s", hold.snapshotId, bookmark.holder(), failure
                    .reason());
            hold.delete();
            bookmarks.gone(bookmark);
        }
    }

    /** The hold of a bookmark that a request (answered now) asked for or released, or {@code null}: not ours. */
    private static BookmarkHold holdAsked(String requestId) {
        return requestId == null ? null : BookmarkHold.findById(requestId);
    }
}
