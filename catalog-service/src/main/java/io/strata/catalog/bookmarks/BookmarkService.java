package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobService;
import io.strata.common.util.Ids;
import io.strata.contracts.catalog.BookmarkCreated;
import io.strata.contracts.catalog.BookmarkDeleted;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.contracts.catalog.BookmarkView;
import io.strata.contracts.catalog.CreateBookmark;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.storage.HoldSnapshotRequested;
import io.strata.contracts.storage.ReleaseSnapshotRequested;

/**
 * The rules of bookmarks. A bookmark is checked completely before anything is asked (its name, its snapshot, its
 * tags and expiry), then each of its snapshots is held by the snapshot service; it is READY, and announced with
 * {@link BookmarkCreated}, once every hold is confirmed. Deleting (or expiring) releases the holds first.
 */
@ApplicationScoped
public class BookmarkService {

    @Inject
    JobService jobs;

    @Inject
    EventPublisher events;

    @Inject
    EventCodec codec;

    /** Checks a request (whose annotations are checked already), then asks for the holds of a new bookmark. */
    @Transactional
    public Bookmark create(CreateBookmark request) {
        String name = request.name();
        requireUnusedName(name);
        BookmarkRequestValidator.requireOneTarget(request);
        KnownSnapshot snapshot = snapshotToBookmark(request);
        List<String> tags = BookmarkRequestValidator.tags(request);
        Instant now = Instant.now();
        BookmarkRequestValidator.requireFutureExpiry(request.expiresAt(), now);
        Bookmark bookmark = pending(request, name, List.of(new BookmarkPoint(snapshot.dataset, snapshot.id)), tags,
                now);
        holdSnapshots(bookmark);
        return bookmark;
    }

    private static void requireUnusedName(String name) {
        if (Bookmark.count("name", name) > 0) {
            throw ApiException.conflict("A bookmark named '" + name + "' exists already; choose another "
                    + "name or delete it first.");
        }
    }

    /** The snapshot named, or the newest of the dataset named (the request names exactly one of them). */
    private static KnownSnapshot snapshotToBookmark(CreateBookmark request) {
        if (request.snapshot() != null) {
            KnownSnapshot snapshot = KnownSnapshot.findById(request.snapshot());
            if (snapshot == null || snapshot.deleted) {
                throw ApiException.notFound("snapshot", request.snapshot());
            }
            return snapshot;
        }
        KnownSnapshot latest = KnownSnapshot.latestOf(request.dataset());
        if (latest == null) {
            throw ApiException.notFound("dataset with snapshots", request.dataset());
        }
        return latest;
    }

    /** Saves the bookmark PENDING with the job that follows it until every hold is confirmed. */
    private Bookmark pending(CreateBookmark request, String name, List<BookmarkPoint> points, List<String> tags,
            Instant now) {
        Bookmark bookmark = new Bookmark();
        bookmark.id = Ids.next("bm");
        bookmark.name = name;
        bookmark.points = points;
        bookmark.tags = tags;
        bookmark.shared = Boolean.TRUE.equals(request.shared());
        bookmark.expiresAt = request.expiresAt();
        bookmark.createdAt = now;
        bookmark.status = Bookmark.Status.PENDING;
        Job job = jobs.create("bookmark.create", bookmark.id, null);
        bookmark.jobId = job.id;
        bookmark.persist();
        return bookmark;
    }

    /** Asks the snapshot service to hold each snapshot; the answers make the bookmark READY (or failed). */
    private void holdSnapshots(Bookmark bookmark) {
        jobs.progress(bookmark.jobId, 10, "holding " + bookmark.points.size() + " snapshot(s)");
        for (BookmarkPoint point : bookmark.points) {
            BookmarkHold hold = new BookmarkHold();
            hold.requestId = bookmark.jobId + "-hold-" + point.snapshot();
            hold.bookmarkId = bookmark.id;
            hold.snapshotId = point.snapshot();
            hold.state = BookmarkHold.State.REQUESTED;
            hold.persist();
            events.publish(new HoldSnapshotRequested(hold.requestId, hold.snapshotId, bookmark.holder()));
        }
    }

    /** Starts deleting a READY bookmark: its holds are released, then it is gone. */
    @Transactional
    public Job delete(String id) {
        Bookmark bookmark = require(id);
        if (bookmark.status != Bookmark.Status.READY) {
            throw ApiException.conflict("Bookmark " + bookmark.name + " is " + bookmark.status + "; wait for its "
                    + "job " + bookmark.jobId + " to end.");
        }
        Job job = jobs.create("bookmark.delete", bookmark.id, null);
        release(bookmark, job.id);
        jobs.progress(job.id, 10, "releasing its snapshots");
        return job;
    }

    /** Releases every hold of a bookmark (or forgets it at once when none is held). */
    void release(Bookmark bookmark, UUID jobId) {
        bookmark.status = Bookmark.Status.DELETING;
        bookmark.jobId = jobId;
        for (BookmarkHold hold : BookmarkHold.of(bookmark.id)) {
            // A hold still unanswered is released too: both commands go to the snapshot service keyed by the
            // snapshot, so the release is applied after the hold.
            BookmarkHold releasing = new BookmarkHold();
            releasing.requestId = (jobId != null ? jobId : UUID.randomUUID()) + "-release-" + hold.snapshotId;
            releasing.bookmarkId = bookmark.id;
            releasing.snapshotId = hold.snapshotId;
            releasing.state = BookmarkHold.State.RELEASING;
            hold.delete();
            releasing.persist();
            events.publish(new ReleaseSnapshotRequested(releasing.requestId, releasing.snapshotId,
                    bookmark.holder()));
        }
        gone(bookmark);
    }

    /** Forgets a DELETING bookmark once no hold is left. */
    void gone(Bookmark bookmark) {
        if (bookmark.status != Bookmark.Status.DELETING || BookmarkHold.count("bookmarkId", bookmark.id) > 0) {
            return;
        }
        if (bookmark.jobId != null) {
            jobs.succeed(bookmark.jobId, "bookmark " + bookmark.name + " deleted, its snapshots released");
        }
        events.publish(new BookmarkDeleted(bookmark.id, bookmark.name));
        bookmark.delete();
    }

    /** Marks a bookmark READY and announces it once every hold is confirmed. */
    void ready(Bookmark bookmark) {
        if (bookmark.status != Bookmark.Status.PENDING
                || BookmarkHold.count("bookmarkId = ?1 and state <> ?2", bookmark.id, BookmarkHold.State.HELD) > 0) {
            return;
        }
        bookmark.status = Bookmark.Status.READY;
        jobs.succeed(bookmark.jobId, "bookmark " + bookmark.name + " ready");
        events.publish(new BookmarkCreated(view(bookmark)));
    }

    /** A bookmark could not be made: the job fails with the reason, and what was held is given back. */
    void failed(Bookmark bookmark, String reason) {
        UUID jobId = bookmark.jobId;
        release(bookmark, null);
        jobs.fail(jobId, reason);
    }

    /** A bookmark by id or name, or 404. */
    @Transactional
    public Bookmark require(String id) {
        Bookmark bookmark = Bookmark.findById(id);
        if (bookmark == null) {
            bookmark = Bookmark.find("name", id).firstResult();
        }
        if (bookmark == null) {
            throw ApiException.notFound("bookmark", id);
        }
        return bookmark;
    }

    /** Bookmarks, newest first, optionally only shared (or unshared) ones, or those with a tag. */
    @Transactional
    public List<BookmarkView> list(Boolean shared, String tag) {
        return Bookmark.<Bookmark>listAll(Sort.descending("createdAt")).stream()
                .filter(bookmark -> shared == null || bookmark.shared == shared)
                .map(this::view)
                .filter(view -> tag == null || view.tags().contains(tag))
                .toList();
    }

    /** The bookmarks whose time is up, to delete. */
    @Transactional
    public List<String> expired(Instant now) {
        return Bookmark.<Bookmark>list("status = ?1 and expiresAt <= ?2", Bookmark.Status.READY, now).stream()
                .map(bookmark -> bookmark.id).toList();
    }

    /** Deletes a bookmark whose time is up (if it is still there and READY). */
    @Transactional
    public void expire(String id) {
        Bookmark bookmark = Bookmark.findById(id);
        if (bookmark != null && bookmark.status == Bookmark.Status.READY) {
            Job job = jobs.create("bookmark.expire", bookmark.id, null);
            release(bookmark, job.id);
        }
    }

    /** The API's view of a bookmark. */
    public BookmarkView view(Bookmark bookmark) {
        return new BookmarkView(bookmark.id, bookmark.name, bookmark.points, bookmark.tags, bookmark.shared,
                bookmark.expiresAt,
                bookmark.createdAt, bookmark.status.name(), bookmark.jobId);
    }
}
