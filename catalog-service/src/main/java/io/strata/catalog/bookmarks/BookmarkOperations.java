package io.strata.catalog.bookmarks;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.JobService;
import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.contracts.catalog.BookmarkCreated;
import io.strata.contracts.catalog.BookmarkDeleted;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.HoldSnapshotRequested;
import io.strata.contracts.storage.ReleaseSnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;

/**
 * The steps of a bookmark's creation, deletion and expiry: the snapshot service holds each of its snapshots, one at
 * a time, before the bookmark is READY, and releases each before it is gone. A creation that fails (a hold refused,
 * no answer in time, a cancel) asks for every snapshot to be released and leaves no bookmark; a deletion that fails
 * leaves the bookmark READY, to be deleted again.
 */
@ApplicationScoped
public class BookmarkOperations extends OperationDefinition<BookmarkOperation, BookmarkStep, BookmarkWork> {

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    public BookmarkOperations() {
        super(BookmarkOperation.class, BookmarkStep.class, BookmarkWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of(Topics.SNAPSHOT);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(StorageRequestFailed.class);
    }

    @Override
    protected void request(Operation<BookmarkOperation, BookmarkStep, BookmarkWork> operation) {
        BookmarkWork work = operation.data();
        String holder = Bookmark.holderOf(operation.resource());
        boolean hold = operation.step() == BookmarkStep.HOLD;
        jobs.progress(operation.jobId(), 10 + 80 * work.done() / work.snapshots().size(), (hold
                ? "holding"
                : "releasing") + " snapshot " + work.current() + " (" + (work.done() + 1) + " of " + work
                        .snapshots().size()
                + ")");
        events.publish(hold
                ? new HoldSnapshotRequested(operation.requestId(), work.current(), holder)
                : new ReleaseSnapshotRequested(operation.requestId(), work.current(), holder));
    }

    @Override
    protected BookmarkWork replied(Operation<BookmarkOperation, BookmarkStep, BookmarkWork> operation,
            Reply reply) {
        return operation.data().next();
    }

    /** The same step again for the next snapshot; done once every snapshot is. */
    @Override
    protected BookmarkStep next(Operation<BookmarkOperation, BookmarkStep, BookmarkWork> operation) {
        return operation.data().finished() ? null : operation.step();
    }

    @Override
    protected String completed(Operation<BookmarkOperation, BookmarkStep, BookmarkWork> operation) {
        Bookmark bookmark = Bookmark.findById(operation.resource());
        if (operation.kind() == BookmarkOperation.CREATE) {
            bookmark.status = Bookmark.Status.READY;
            events.publish(new BookmarkCreated(bookmark.view()));
            return "bookmark " + bookmark.name + " ready";
        }
        events.publish(new BookmarkDeleted(bookmark.id, bookmark.name));
        bookmark.delete();
        return "bookmark " + bookmark.name + " deleted, its snapshots released";
    }

    @Override
    protected void failed(Operation<BookmarkOperation, BookmarkStep, BookmarkWork> operation, String error) {
        Bookmark bookmark = Bookmark.findById(operation.resource());
        if (operation.kind() != BookmarkOperation.CREATE) {
            // What is released stays released; the bookmark keeps the rest, and a delete (or the next expiry
            // round) asks again for all of them, which the snapshot service answers the same way.
            bookmark.status = Bookmark.Status.READY;
            return;
        }
        for (String snapshot : operation.data().snapshots()) {
            // A hold may have been applied without its answer arriving (a deadline passed): give back each one.
            // Nobody waits for these answers; a release of a snapshot not held changes nothing.
            events.publish(new ReleaseSnapshotRequested(operation.requestId("release-" + snapshot), snapshot,
                    bookmark.holder()));
        }
        bookmark.delete();
    }
}
