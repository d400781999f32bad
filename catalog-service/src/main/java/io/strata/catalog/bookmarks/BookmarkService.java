package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.catalog.datasets.SensitiveData;
import io.strata.catalog.users.User;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.Job;
import io.strata.common.operations.OperationMachine;
import io.strata.common.security.Caller;
import io.strata.common.security.Role;
import io.strata.common.util.Ids;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.contracts.catalog.BookmarkSharingChanged;
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

    @Inject
    Caller caller;

    @Inject
    EventPublisher events;

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
        if (nameTaken(name)) {
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
        bookmark.owner = caller.username();
        bookmark.createdAt = now;
        bookmark.status = Bookmark.Status.PENDING;
        bookmark.jobId = operations.start(BookmarkOperation.CREATE, bookmark.id, BookmarkWork.of(bookmark), null).id;
        bookmark.persist();
        return bookmark;
    }

    /**
     * Makes the bookmark a data pod's BOOKMARK operation took the snapshots of (one per virtual database), PENDING
     * until the snapshot service holds them all.
     */
    public Bookmark forPod(NewPodBookmark request, String podId, String branch, List<BookmarkPoint> points) {
        requireUnusedName(request.name());
        Bookmark bookmark = new Bookmark();
        bookmark.id = request.id();
        bookmark.name = request.name();
        bookmark.points = points;
        bookmark.tags = request.tags();
        bookmark.shared = request.shared();
        bookmark.expiresAt = request.expiresAt();
        bookmark.owner = request.owner();
        bookmark.podId = podId;
        bookmark.branch = branch;
        bookmark.managedBy = request.managedBy();
        bookmark.createdAt = Instant.now();
        bookmark.status = Bookmark.Status.PENDING;
        bookmark.jobId = operations.start(BookmarkOperation.CREATE, bookmark.id, BookmarkWork.of(bookmark),
                request.owner()).id;
        bookmark.persist();
        return bookmark;
    }

    /** Whether a bookmark named {@code name} exists. */
    public static boolean nameTaken(String name) {
        return Bookmark.count("name", name) > 0;
    }

    /**
     * Checks a data pod's bookmark request (whose annotations are checked already): no snapshot or dataset (it
     * covers every virtual database), a name not taken, an expiry in the future; returns its tags.
     */
    public static List<String> checkPodBookmark(CreateBookmark request) {
        if (request.snapshot() != null || request.dataset() != null) {
            throw ApiException.badRequest(request.snapshot() != null ? "snapshot" : "dataset", "A data pod's "
                    + "bookmark covers every virtual database of the pod; leave snapshot and dataset out.");
        }
        requireUnusedName(request.name());
        BookmarkRequestValidator.requireFutureExpiry(request.expiresAt(), Instant.now());
        return BookmarkRequestValidator.tags(request);
    }

    /** Starts deleting a READY bookmark: its snapshots are released, then it is gone. */
    @Transactional
    public Job delete(String id) {
        // Locked, so that of two deletes at once the second finds the first's and is refused.
        Bookmark bookmark = Bookmark.findById(require(id).id, LockModeType.PESSIMISTIC_WRITE);
        if (!caller.isOwnerOrAdmin(bookmark.owner)) {
            throw ApiException.forbidden("Bookmark " + bookmark.name + " belongs to " + (bookmark.owner != null
                    ? "user '" + bookmark.owner + "'"
                    : "no user (it predates users)") + "; only its owner or an admin may delete it.");
        }
        caller.requireMayDeleteManaged("Bookmark " + bookmark.name, bookmark.managedBy, "Bookmark",
                "bookmarks.strata.io");
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

    /** The bookmark made for a Kubernetes resource ({@code namespace/name}), if any. */
    @Transactional
    public Optional<BookmarkView> managedBy(String resource) {
        return Bookmark.<Bookmark>find("managedBy", resource).firstResultOptional().map(this::view);
    }

    /** A bookmark by id or name, or 404. */
    @Transactional
    public Bookmark require(String id) {
        Bookmark bookmark = Bookmark.byIdOrName(id);
        if (bookmark == null || !maySee(bookmark)) {
            throw ApiException.notFound("bookmark", id);
        }
        return bookmark;
    }

    /** Admins and readers see every bookmark; owners their own and those shared with everyone or with them. */
    public boolean maySee(Bookmark bookmark) {
        return caller.isAdmin() || caller.roles().contains(Role.READER) || bookmark.shared || caller.isOwnerOrAdmin(
                bookmark.owner) || bookmark.sharedWith.contains(caller.username());
    }

    /**
     * Shares a bookmark with the users named, or with everyone when none are: they see it and may make data pods of
     * it. Its owner or an admin only; a bookmark of unmasked data of a sensitive source is shared with admins only.
     */
    @Transactional
    public BookmarkView share(String id, List<String> users) {
        Bookmark bookmark = requireOwned(id, "share");
        boolean everyone = users == null || users.isEmpty();
        List<String> names = new java.util.ArrayList<>(bookmark.sharedWith);
        if (!everyone) {
            for (int i = 0; i < users.size(); i++) {
                User user = User.byIdOrName(users.get(i));
                if (user == null) {
                    throw ApiException.badRequest("users[" + i + "]", "users[" + i + "] '" + users.get(i) + "' is not "
                            + "a user; GET /api/v1/users lists them.");
                }
                requireMayReceive(bookmark, user.username, user.roles.contains(Role.ADMIN.wireName()));
                if (!names.contains(user.username)) {
                    names.add(user.username);
                }
            }
        } else {
            requireMayReceive(bookmark, "everyone", false);
        }
        bookmark.shared = bookmark.shared || everyone;
        bookmark.sharedWith = names;
        return sharingChanged(bookmark);
    }

    /** Shares it with nobody any more; what others made of it stays theirs. */
    @Transactional
    public BookmarkView unshare(String id) {
        Bookmark bookmark = requireOwned(id, "unshare");
        bookmark.shared = false;
        bookmark.sharedWith = new java.util.ArrayList<>();
        return sharingChanged(bookmark);
    }

    /** The provisioning service checks who may provision from a bookmark, so it hears of every change of it. */
    private BookmarkView sharingChanged(Bookmark bookmark) {
        BookmarkView view = bookmark.view();
        events.publish(new BookmarkSharingChanged(view));
        return view;
    }

    private Bookmark requireOwned(String id, String what) {
        Bookmark bookmark = require(id);
        if (!caller.isOwnerOrAdmin(bookmark.owner)) {
            throw ApiException.forbidden("Only the owner of bookmark " + bookmark.name + " (" + bookmark.owner
                    + ") or an admin may " + what + " it.");
        }
        return bookmark;
    }

    private static void requireMayReceive(Bookmark bookmark, String whom, boolean admin) {
        if (!admin && SensitiveData.inAnyOf(bookmark.points.stream().map(BookmarkPoint::dataset).toList())) {
            throw ApiException.badRequest("users", "Bookmark " + bookmark.name + " holds unmasked data of a sensitive "
                    + "source; it can be shared with admins only, not with " + whom + ". Bookmark a pod of its masked "
                    + "datasets instead.");
        }
    }

    /** Bookmarks, newest first, optionally only shared (or unshared) ones, or those with a tag. */
    @Transactional
    public List<BookmarkView> list(Boolean shared, String tag) {
        return Bookmark.<Bookmark>listAll(Sort.descending("createdAt")).stream()
                .filter(bookmark -> shared == null || bookmark.shared == shared)
                .filter(this::maySee)
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
