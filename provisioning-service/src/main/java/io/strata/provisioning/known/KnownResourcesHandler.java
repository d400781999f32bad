package io.strata.provisioning.known;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventHandler;
import io.strata.common.util.JsonText;
import io.strata.contracts.catalog.BookmarkCreated;
import io.strata.contracts.catalog.BookmarkDeleted;
import io.strata.contracts.catalog.BookmarkView;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.EnvironmentRegistered;
import io.strata.contracts.ingest.EnvironmentRemoved;
import io.strata.contracts.storage.LogWindowChanged;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotDeleted;
import io.strata.contracts.storage.SnapshotView;

/**
 * Keeps what this service must know of other services' resources, from their events: environments (ingest),
 * snapshots (snapshot service), point-in-time windows (ingest) and bookmarks (catalog). Reads never cross to another service's tables.
 */
@ApplicationScoped
public class KnownResourcesHandler implements EventHandler {

    private static final Set<String> TYPES = Set.of("EnvironmentRegistered", "EnvironmentRemoved", "SnapshotCreated",
            "SnapshotDeleted", "LogWindowChanged", "BookmarkCreated", "BookmarkDeleted");

    @Inject
    EventCodec codec;

    @Override
    public Set<String> sources() {
        return Set.of(Topics.INGEST, Topics.SNAPSHOT, Topics.CATALOG);
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return TYPES.contains(envelope.type());
    }

    @Override
    public void apply(EventEnvelope envelope) {
        switch (envelope.type()) {
            case "EnvironmentRegistered" -> {
                EnvironmentRegistered registered = codec.payload(envelope, EnvironmentRegistered.class);
                KnownEnvironment environment = KnownEnvironment.findById(registered.environment().id());
                if (environment == null) {
                    environment = new KnownEnvironment();
                    environment.id = registered.environment().id();
                    environment.persist();
                }
                environment.name = registered.name();
                environment.ref = json(registered.environment());
                environment.updatedAt = Instant.now();
            }
            case "EnvironmentRemoved" -> KnownEnvironment.deleteById(codec.payload(envelope, EnvironmentRemoved.class)
                    .environmentId());
            case "SnapshotCreated" -> {
                SnapshotView snapshot = codec.payload(envelope, SnapshotCreated.class).snapshot();
                KnownSnapshot known = KnownSnapshot.findById(snapshot.id());
                if (known == null) {
                    known = new KnownSnapshot();
                    known.id = snapshot.id();
                    known.dataset = snapshot.dataset();
                    known.volume = snapshot.volume();
                    known.position = snapshot.position();
                    known.positionTime = snapshot.positionTime();
                    known.metadata = json(snapshot.metadata());
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
            case "LogWindowChanged" -> {
                LogWindowChanged change = codec.payload(envelope, LogWindowChanged.class);
                KnownWindow window = KnownWindow.findById(change.dataset());
                if (window == null) {
                    window = new KnownWindow();
                    window.dataset = change.dataset();
                    window.from = change.from();
                    window.to = change.to();
                    window.persist();
                }
                window.from = change.from();
                window.to = change.to();
                window.archive = change.archive();
                window.environment = change.environment();
            }
            case "BookmarkCreated" -> {
                BookmarkView bookmark = codec.payload(envelope, BookmarkCreated.class).bookmark();
                KnownBookmark known = KnownBookmark.findById(bookmark.id());
                boolean fresh = known == null;
                if (fresh) {
                    known = new KnownBookmark();
                    known.id = bookmark.id();
                }
                known.name = bookmark.name();
                known.points = json(bookmark.points());
                if (fresh) {
                    known.persist();
                }
            }
            case "BookmarkDeleted" -> KnownBookmark.deleteById(codec.payload(envelope, BookmarkDeleted.class)
                    .bookmarkId());
            default -> throw new IllegalStateException(envelope.type());
        }
    }

    private String json(Object value) {
        return JsonText.write(codec.mapper(), value);
    }
}
