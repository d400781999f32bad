package io.strata.catalog.bookmarks;

import java.util.List;

/**
 * What a bookmark's operation works through, kept with its step so that a restart continues with it.
 *
 * @param snapshots the bookmark's snapshots, one per point, in the order they are held or released
 * @param done how many of them are held (or released) so far; the step works on the next one
 */
public record BookmarkWork(List<String> snapshots, int done) {

    /** The start of an operation on every snapshot of {@code bookmark}. */
    static BookmarkWork of(Bookmark bookmark) {
        return new BookmarkWork(bookmark.points.stream().map(point -> point.snapshot()).toList(), 0);
    }

    /** The snapshot the current step holds or releases. */
    String current() {
        return snapshots.get(done);
    }

    /** One more snapshot done. */
    BookmarkWork next() {
        return new BookmarkWork(snapshots, done + 1);
    }

    /** Whether every snapshot is done. */
    boolean finished() {
        return done >= snapshots.size();
    }
}
