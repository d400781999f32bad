package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.common.operations.OperationMachine;
import io.strata.common.util.Ids;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.contracts.catalog.BookmarkView;
import io.strata.contracts.catalog.CreateBookmark;

/**
 * The rules of bookmarks. A bookmark is checked completely before anything is asked (its name, its snapshot, its
 * tags and expiry); then an operation on the step machine ({@link BookmarkOperations}) has the snapshot service hold
 * each of its snapshots, and it is READY, and announced with {@code BookmarkCreated}, once every hold is confirmed.
 * Deleting (or expiring) releases them first.
 */
@ApplicationScoped
public class BookmarkService {

    @Inject
    OperationMachine operations;

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
        return pending(request, name, List.of(new BookmarkPoint(snapshot.dataset, snapshot.id)), tags, now);
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

    /** Saves the bookmark PENDING and starts the operation that holds its snapshots. */
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
        bookmark.jobId = operations.start(BookmarkOperation.CREATE, bookmark.id, BookmarkWork.of(bookmark), null).id;
        bookmark.persist();
        return bookmark;
    }

    /** Starts deleting a READY bookmark: its snapshots are released, then it is gone. */
    @Transactional
    public Job delete(String id) {
        // Locked, so that of two deletes at once the second finds the first's and is refused.
        Bookmark bookmark = Bookmark.findById(require(id).id, LockModeType.PESSIMISTIC_WRITE);
        if (bookmark.status != Bookmark.Status.READY) {
            throw ApiException.conflict("Bookmark " + bookmark.name + " is " + bookmark.status + "; wait for its "
                    + "job " + bookmark.jobId + " to end.");
        }
        return release(bookmark, BookmarkOperation.DELETE);
    }

    private Job release(Bookmark bookmark, BookmarkOperation kind) {
        bookmark.status = Bookmark.Status.DELETING;
        Job job = operations.start(kind, bookmark.id, BookmarkWork.of(bookmark), null);
        bookmark.jobId = job.id;
        return job;
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
        Bookmark bookmark = Bookmark.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (bookmark != null && bookmark.status == Bookmark.Status.READY) {
            release(bookmark, BookmarkOperation.EXPIRE);
        }
    }

    /** The API's view of a bookmark. */
    public BookmarkView view(Bookmark bookmark) {
        return bookmark.view();
    }
}
