package io.strata.catalog.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.strata.common.errors.ApiException;
import io.strata.contracts.catalog.CreateBookmark;

/**
 * The checks of a bookmark request that need no database but more than one field or the clock; the request's own
 * annotations (name, tags) are covered by {@code CreateBookmarkTest} in contracts, the name's uniqueness, the snapshot
 * look-up and the holds end to end by {@code BookmarkTest}.
 */
class BookmarkRequestValidatorTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static CreateBookmark request(String name, String snapshot, String dataset, List<String> tags) {
        return new CreateBookmark(name, snapshot, dataset, tags, null, null);
    }

    private static void assertRefused(Runnable check, String field, String detail) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    @Test
    void exactlyOneOfSnapshotAndDatasetIsGiven() {
        BookmarkRequestValidator.requireOneTarget(request("a", "snap-1", null, null));
        BookmarkRequestValidator.requireOneTarget(request("a", null, "src-1", null));
        assertRefused(() -> BookmarkRequestValidator.requireOneTarget(request("a", "snap-1", "src-1", null)),
                "snapshot", "Give either snapshot or dataset, not both.");
        assertRefused(() -> BookmarkRequestValidator.requireOneTarget(request("a", null, null, null)), "snapshot",
                "snapshot or dataset is required");
    }

    @Test
    void tagsAreOptional() {
        assertThat(BookmarkRequestValidator.tags(request("a", "snap-1", null, null))).isEmpty();
        assertThat(BookmarkRequestValidator.tags(request("a", "snap-1", null, List.of("team/db", "v1.2"))))
                .containsExactly("team/db", "v1.2");
    }

    @Test
    void anExpiryMustBeInTheFuture() {
        BookmarkRequestValidator.requireFutureExpiry(null, NOW);
        BookmarkRequestValidator.requireFutureExpiry(NOW.plusSeconds(1), NOW);
        assertRefused(() -> BookmarkRequestValidator.requireFutureExpiry(NOW, NOW), "expiresAt",
                "expiresAt 2025-01-01T00:00:00Z is not in the future");
    }
}
