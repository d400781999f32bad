package io.strata.catalog.bookmarks;

import static io.strata.catalog.bookmarks.BookmarkStep.HOLD;
import static io.strata.catalog.bookmarks.BookmarkStep.RELEASE;

import java.util.List;

import io.strata.common.operations.OperationKind;

/** A bookmark's long operations and their steps. */
public enum BookmarkOperation implements OperationKind<BookmarkStep> {

    /** Every snapshot of a new bookmark held; then it is READY. */
    CREATE("bookmark.create", HOLD),
    /** Every snapshot released on request; then the bookmark is gone. */
    DELETE("bookmark.delete", RELEASE),
    /** The same as a delete, when the bookmark's {@code expiresAt} has passed. */
    EXPIRE("bookmark.expire", RELEASE);

    private final String jobKind;
    private final List<BookmarkStep> steps;

    BookmarkOperation(String jobKind, BookmarkStep... steps) {
        this.jobKind = jobKind;
        this.steps = List.of(steps);
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<BookmarkStep> steps() {
        return steps;
    }
}
