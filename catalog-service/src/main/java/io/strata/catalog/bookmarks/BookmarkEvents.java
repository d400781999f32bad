package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.events.EventHandler;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
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
public class BookmarkEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of("SnapshotCreated", "SnapshotDeleted", "SnapshotHoldChanged",
            "StorageRequestFailed");

    @Inject
    EventCodec codec;

    @Inject
    BookmarkService bookmarks;

    @Override
    public Set<String> sources() {
        return Set.of(Topics.SNAPSHOT);
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return TYPES.contains(envelope.type());
    }

    @Override
    public void apply(EventEnvelope envelope) {
        switch (envelope.type()) {
            case "SnapshotCreated" -> {
                SnapshotView snapshot = codec.payload(envelope, SnapshotCreated.class).snapshot();
                if (KnownSnapshot.findById(snapshot.id()) == null) {
                    KnownSnapshot known = new KnownSnapshot();
                    known.id = snapshot.id();
                    known.dataset = snapshot.dataset();
                    known.positionTime = snapshot.positionTime();
                    known.createdAt = snapshot.createdAt() != null ? snapshot.createdAt() : Instant.now();
                    known.persist();
                }
            }
            case "SnapshotDeleted" -> {
                KnownSnapshot known = KnownSnapshot.findById(codec.payload(envelope, SnapshotDeleted.class)
                        .snapshotId());
                if (known != null) {
                    known.deleted = true;
                }
            }
            case "SnapshotHoldChanged" -> {
                SnapshotHoldChanged change = codec.payload(envelope, SnapshotHoldChanged.class);
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
            case "StorageRequestFailed" -> {
                StorageRequestFailed failure = codec.payload(envelope, StorageRequestFailed.class);
                BookmarkHold hold = holdAsked(failure.requestId());
                if (hold == null) {
                    return;
                }
                Bookmark bookmark = Bookmark.findById(hold.bookmarkId);
                if (hold.state == BookmarkHold.State.REQUESTED) {
                    bookmarks.failed(bookmark, "The snapshot service did not hold snapshot " + hold.snapshotId
                            + ": " + failure.reason());
                } else {
                    // A release cannot leave a hold behind that it failed to remove; say so and let the bookmark go.
                    Log.warnf("Releasing snapshot %s for %s failed: %s", hold.snapshotId, bookmark.holder(),
                            failure.reason());
                    hold.delete();
                    bookmarks.gone(bookmark);
                }
            }
            default -> throw new IllegalStateException(envelope.type());
        }
    }

    /** The hold of a bookmark that a request (answered now) asked for or released, or {@code null}: not ours. */
    private static BookmarkHold holdAsked(String requestId) {
        return requestId == null ? null : BookmarkHold.findById(requestId);
    }
}
