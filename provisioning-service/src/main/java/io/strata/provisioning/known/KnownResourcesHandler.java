package io.strata.provisioning.known;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventRoutes;
import io.strata.contracts.catalog.BookmarkCreated;
import io.strata.contracts.catalog.BookmarkDeleted;
import io.strata.contracts.catalog.BookmarkSharingChanged;
import io.strata.contracts.catalog.BookmarkView;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.EnvironmentRegistered;
import io.strata.contracts.ingest.EnvironmentRemoved;
import io.strata.contracts.ingest.SourceChanged;
import io.strata.contracts.masking.MaskedDatasetChanged;
import io.strata.contracts.storage.LogWindowChanged;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotDeleted;
import io.strata.contracts.storage.SnapshotView;
import io.strata.hosts.HostConnections;
import io.strata.provisioning.vdb.PodVdbs;
import io.strata.provisioning.vdb.WorkingVdbs;

/**
 * Keeps what this service must know of other services' resources, from their events: environments and sources
 * (ingest), masked datasets' names (masking),
 * snapshots (snapshot service), point-in-time windows (ingest) and bookmarks (catalog). Reads never cross to another
 * service's tables.
 */
@ApplicationScoped
public class KnownResourcesHandler extends EventRoutes {

    @Inject
    WorkingVdbs workingVdbs;

    @Inject
    PodVdbs podVdbs;

    @Inject
    HostConnections hosts;

    public KnownResourcesHandler() {
        super(Set.of(Topics.INGEST, Topics.SNAPSHOT, Topics.CATALOG, Topics.MASKING));
        on(EnvironmentRegistered.class, this::environmentRegistered);
        on(EnvironmentRemoved.class, removed -> KnownEnvironment.deleteById(removed.environmentId()));
        on(SourceChanged.class, this::sourceChanged);
        on(MaskedDatasetChanged.class, this::maskedDatasetChanged);
        on(SnapshotCreated.class, created -> snapshotCreated(created.snapshot()));
        on(SnapshotDeleted.class, this::snapshotDeleted);
        on(LogWindowChanged.class, this::windowChanged);
        on(BookmarkCreated.class, created -> bookmarkCreated(created.bookmark()));
        on(BookmarkSharingChanged.class, changed -> sharingChanged(changed.bookmark()));
        on(BookmarkDeleted.class, deleted -> KnownBookmark.deleteById(deleted.bookmarkId()));
    }

    void environmentRegistered(EnvironmentRegistered registered) {
        KnownEnvironment environment = KnownEnvironment.findById(registered.environment().id());
        boolean fresh = environment == null;
        if (fresh) {
            environment = new KnownEnvironment();
            environment.id = registered.environment().id();
        }
        environment.name = registered.name();
        environment.ref = registered.environment();
        environment.updatedAt = Instant.now();
        if (fresh) {
            environment.persist();
        } else {
            // Registered again: its credentials changed, and a connection kept open was made with the old ones.
            hosts.forget(environment.id);
        }
    }

    void sourceChanged(SourceChanged changed) {
        KnownSource source = KnownSource.findById(changed.source());
        if ("DELETED".equals(changed.state())) {
            if (source != null) {
                source.delete();
            }
            return;
        }
        boolean fresh = source == null;
        if (fresh) {
            source = new KnownSource();
            source.id = changed.source();
        }
        source.name = changed.name();
        source.sensitive = Boolean.TRUE.equals(changed.sensitive());
        source.updatedAt = Instant.now();
        if (fresh) {
            source.persist();
        }
    }

    void maskedDatasetChanged(MaskedDatasetChanged changed) {
        KnownMaskedDataset known = KnownMaskedDataset.findById(changed.maskedDataset());
        if ("DELETED".equals(changed.state())) {
            if (known != null) {
                known.delete();
            }
            return;
        }
        if (known == null) {
            known = new KnownMaskedDataset();
            known.id = changed.maskedDataset();
            known.name = changed.name();
            known.updatedAt = Instant.now();
            known.persist();
            return;
        }
        known.name = changed.name();
        known.updatedAt = Instant.now();
    }

    void snapshotCreated(SnapshotView snapshot) {
        if (KnownSnapshot.findById(snapshot.id()) != null) {
            return;
        }
        KnownSnapshot known = new KnownSnapshot();
        known.id = snapshot.id();
        known.dataset = snapshot.dataset();
        known.volume = snapshot.volume();
        known.position = snapshot.position();
        known.positionTime = snapshot.positionTime();
        known.metadata = snapshot.metadata();
        known.createdAt = snapshot.createdAt() != null ? snapshot.createdAt() : Instant.now();
        known.persist();
        // Another service may have heard of it first and asked for a working virtual database of it already, or the
        // catalog for a data pod's.
        workingVdbs.snapshotKnown(known);
        podVdbs.snapshotKnown(known);
    }

    void snapshotDeleted(SnapshotDeleted deleted) {
        KnownSnapshot known = KnownSnapshot.findById(deleted.snapshotId());
        if (known != null) {
            known.deleted = true;
        }
    }

    void windowChanged(LogWindowChanged change) {
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

    void bookmarkCreated(BookmarkView bookmark) {
        KnownBookmark known = KnownBookmark.findById(bookmark.id());
        boolean fresh = known == null;
        if (fresh) {
            known = new KnownBookmark();
            known.id = bookmark.id();
        }
        known.name = bookmark.name();
        known.points = bookmark.points();
        share(known, bookmark);
        if (fresh) {
            known.persist();
        }
    }

    /** Ignored for a bookmark not ready yet: its {@code BookmarkCreated}, later on the same partition, says it all. */
    void sharingChanged(BookmarkView bookmark) {
        KnownBookmark known = KnownBookmark.findById(bookmark.id());
        if (known != null) {
            share(known, bookmark);
        }
    }

    private static void share(KnownBookmark known, BookmarkView bookmark) {
        known.owner = bookmark.owner();
        known.shared = bookmark.shared();
        known.sharedWith = bookmark.sharedWith() != null ? List.copyOf(bookmark.sharedWith()) : List.of();
    }
}
