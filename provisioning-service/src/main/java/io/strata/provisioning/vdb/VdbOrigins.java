package io.strata.provisioning.vdb;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.security.Caller;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.provisioning.known.KnownBookmark;
import io.strata.provisioning.known.KnownMaskedDataset;
import io.strata.provisioning.known.KnownSnapshot;
import io.strata.provisioning.known.KnownSource;
import io.strata.provisioning.known.KnownWindow;

/**
 * Where a virtual database's data comes from, checked before anything is made: the snapshot (of a dataset, a
 * bookmark, or the newest one before a moment) and the moment to recover to. Unknown ids are 404s; points that exist
 * but do not fit (a bookmark on another timeline, a moment outside the kept log) are 400s that say what would fit.
 */
@ApplicationScoped
public class VdbOrigins {

    @Inject
    Caller caller;

    /**
     * A point to clone.
     *
     * @param snapshot the snapshot to clone
     * @param parent the dataset it belongs to
     * @param recoveryTime the moment to recover to from it, if any
     */
    public record Origin(KnownSnapshot snapshot, String parent, Instant recoveryTime) {
    }

    /** The origin of a new virtual database. */
    public Origin forProvision(CreateVdb.From from) {
        if (from.bookmark() != null) {
            KnownSnapshot snapshot = bookmarked(from.bookmark(), from.dataset(), "from.bookmark");
            return new Origin(snapshot, snapshot.dataset, null);
        }
        if (from.snapshot() != null) {
            KnownSnapshot snapshot = existing(from.snapshot());
            return new Origin(snapshot, snapshot.dataset, null);
        }
        String parent = datasetId(from.dataset());
        if (KnownSnapshot.latestOf(parent) == null) {
            throw ApiException.notFound("dataset with snapshots", parent);
        }
        if (from.timestamp() == null) {
            return new Origin(KnownSnapshot.latestOf(parent), parent, null);
        }
        return new Origin(beforeMoment(parent, from.timestamp()), parent, from.timestamp());
    }

    /**
     * A dataset's id: the one given, or the id of the source or masked dataset of that name (a source's name cannot be
     * taken twice, nor a masked dataset's; a source wins over a masked dataset of the same name).
     */
    static String datasetId(String idOrName) {
        if (KnownSnapshot.latestOf(idOrName) != null) {
            return idOrName;
        }
        KnownSource source = KnownSource.find("name", idOrName).firstResult();
        if (source != null) {
            return source.id;
        }
        KnownMaskedDataset masked = KnownMaskedDataset.find("name", idOrName).firstResult();
        return masked == null ? idOrName : masked.id;
    }

    /** The origin of a refresh: the parent's newest snapshot, or one of it, or a bookmark on it. */
    public Origin forRefresh(Vdb vdb, String snapshotId, String bookmark) {
        if (bookmark != null) {
            return new Origin(bookmarked(bookmark, vdb.parent, "bookmark"), vdb.parent, null);
        }
        if (snapshotId == null) {
            return new Origin(KnownSnapshot.latestOf(vdb.parent), vdb.parent, null);
        }
        KnownSnapshot snapshot = existing(snapshotId);
        if (!snapshot.dataset.equals(vdb.parent)) {
            throw ApiException.badRequest("snapshot", "Snapshot " + snapshotId + " is not a snapshot of "
                    + vdb.parent + ", the parent of this virtual database.");
        }
        return new Origin(snapshot, vdb.parent, null);
    }

    /** The origin of a rewind: one of its own snapshots, a bookmark on its own timeline, or a moment of its life. */
    public Origin forRewind(Vdb vdb, String snapshotId, String bookmark, Instant timestamp) {
        if (timestamp != null) {
            return new Origin(rewindBase(vdb, timestamp), vdb.id, timestamp);
        }
        if (bookmark != null) {
            return new Origin(bookmarked(bookmark, vdb.id, "bookmark"), vdb.id, null);
        }
        if (snapshotId == null) {
            throw ApiException.badRequest("snapshot", "snapshot or timestamp is required: one of this virtual "
                    + "database's own snapshots (GET /datasets/" + vdb.id + "/snapshots), or a moment since its last "
                    + "provision, refresh or rewind.");
        }
        KnownSnapshot snapshot = existing(snapshotId);
        if (!snapshot.dataset.equals(vdb.id)) {
            throw ApiException.badRequest("snapshot", "Snapshot " + snapshotId + " is not on this virtual "
                    + "database's timeline (it belongs to " + snapshot.dataset + "); refresh to take the "
                    + "parent's data.");
        }
        return new Origin(snapshot, vdb.id, null);
    }

    private static KnownSnapshot existing(String snapshotId) {
        KnownSnapshot snapshot = KnownSnapshot.findById(snapshotId);
        if (snapshot == null || snapshot.deleted) {
            throw ApiException.notFound("snapshot", snapshotId);
        }
        return snapshot;
    }

    /** The newest snapshot at or before a moment inside the dataset's kept log, to replay from. */
    private static KnownSnapshot beforeMoment(String parent, Instant moment) {
        KnownWindow window = KnownWindow.findById(parent);
        if (window == null) {
            throw ApiException.badRequest("from.timestamp", "Dataset " + parent + " keeps no log, so no point in time "
                    + "can be provisioned; link the source with logSync: true, or provision a snapshot.");
        }
        if (moment.isBefore(window.from) || moment.isAfter(window.to)) {
            throw ApiException.badRequest("from.timestamp", "from.timestamp " + moment + " lies outside the window of "
                    + "dataset " + parent + ": from " + window.from + " to " + window.to + ".");
        }
        KnownSnapshot snapshot = KnownSnapshot.latestAtOrBefore(parent, moment);
        if (snapshot == null) {
            throw ApiException.badRequest("from.timestamp", "No snapshot of " + parent + " precedes " + moment
                    + " to replay from.");
        }
        return snapshot;
    }

    /**
     * The snapshot a bookmark stands at on a dataset's timeline; with no dataset, its only point. 404 for a bookmark
     * this service has not heard of (or not yet: it is announced once its snapshots are held) or that the caller may
     * not see (someone else's, not shared with them), 400 for one that is not on the dataset.
     */
    private KnownSnapshot bookmarked(String bookmarkId, String dataset, String field) {
        KnownBookmark bookmark = KnownBookmark.byIdOrName(bookmarkId);
        if (bookmark == null || !bookmark.visibleTo(caller)) {
            throw ApiException.notFound("bookmark", bookmarkId);
        }
        List<BookmarkPoint> points = bookmark.points;
        List<String> datasets = points.stream().map(BookmarkPoint::dataset).toList();
        BookmarkPoint point;
        if (dataset == null) {
            if (points.size() != 1) {
                throw ApiException.badRequest("from.dataset", "Bookmark " + bookmark.name + " stands on " + datasets
                        + "; give from.dataset to choose one.");
            }
            point = points.get(0);
        } else {
            point = points.stream().filter(p -> p.dataset().equals(dataset)).findFirst().orElseThrow(
                    () -> ApiException.badRequest(field, "Bookmark " + bookmark.name + " is not on the timeline of "
                            + dataset + "; it stands on " + datasets + "."));
        }
        KnownSnapshot snapshot = KnownSnapshot.findById(point.snapshot());
        if (snapshot == null || snapshot.deleted) {
            throw ApiException.notFound("snapshot of bookmark " + bookmark.name, point.snapshot());
        }
        return snapshot;
    }

    /**
     * The snapshot a rewind to {@code time} starts from: the newest of the virtual database's own snapshots taken in
     * its current life at or before that time, or the snapshot the life started from; the life's own log then
     * replays up to the time. Times outside the current life are refused with the window.
     */
    private static KnownSnapshot rewindBase(Vdb vdb, Instant time) {
        Instant now = Instant.now();
        if (vdb.life == 0 || vdb.lifeStartedAt == null) {
            throw ApiException.badRequest("timestamp", "Virtual database " + vdb.name + " keeps no log yet (it was "
                    + "made before Strata kept one); refresh or rewind it to a snapshot once, then times after that "
                    + "can be rewound to.");
        }
        if (time.isBefore(vdb.lifeStartedAt) || time.isAfter(now)) {
            throw ApiException.badRequest("timestamp", "timestamp " + time + " is outside the window of "
                    + vdb.name + "'s kept log, {from: " + vdb.lifeStartedAt + ", to: " + now + "} (the log starts "
                    + "again at each refresh and rewind); for earlier data rewind to a snapshot.");
        }
        KnownSnapshot own = KnownSnapshot.find("dataset = ?1 and deleted = false and createdAt >= ?2 and "
                + "createdAt <= ?3", Sort.descending("createdAt"), vdb.id, vdb.lifeStartedAt, time).firstResult();
        if (own != null) {
            return own;
        }
        if (vdb.recoveryTime != null) {
            // The life began with a recovery whose log is not kept with it.
            throw ApiException.badRequest("timestamp", vdb.name + " was recovered to " + vdb.recoveryTime
                    + " when its current life began; take a snapshot (POST /vdbs/" + vdb.id + "/snapshot) and "
                    + "times after it can be rewound to.");
        }
        KnownSnapshot start = KnownSnapshot.findById(vdb.snapshotId);
        if (start == null || start.deleted) {
            throw ApiException.conflict("The snapshot " + vdb.snapshotId + " that " + vdb.name + "'s life started "
                    + "from is gone; take a snapshot and rewind to times after it.");
        }
        return start;
    }
}
