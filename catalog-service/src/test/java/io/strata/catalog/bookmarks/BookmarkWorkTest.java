package io.strata.catalog.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.strata.contracts.catalog.BookmarkPoint;

/** A bookmark of several datasets has its snapshots held (or released) one after the other, each once. */
class BookmarkWorkTest {

    @Test
    void eachSnapshotIsTheCurrentOneInTurnUntilAllAreDone() {
        Bookmark bookmark = new Bookmark();
        bookmark.points = List.of(new BookmarkPoint("src-1", "snap-1"), new BookmarkPoint("vdb-2", "snap-2"));

        BookmarkWork work = BookmarkWork.of(bookmark);
        assertThat(work.current()).isEqualTo("snap-1");
        assertThat(work.finished()).isFalse();
        work = work.next();
        assertThat(work.current()).isEqualTo("snap-2");
        assertThat(work.next().finished()).isTrue();
    }
}
