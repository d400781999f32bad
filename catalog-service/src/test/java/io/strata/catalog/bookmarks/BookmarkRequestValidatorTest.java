package io.strata.catalog.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.strata.common.errors.ApiException;
import io.strata.contracts.catalog.CreateBookmark;

/**
 * The checks of a bookmark request that need no database; the name's uniqueness, the snapshot look-up and the holds
 * are covered end to end by {@code BookmarkTest}.
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
    void aNameOfLettersDigitsSpacesAndPunctuationIsKeptAsGiven() {
        assertThat(BookmarkRequestValidator.name(request("before release 1.2: ok", "snap-1", null, null)))
                .isEqualTo("before release 1.2: ok");
        assertRefused(() -> BookmarkRequestValidator.name(null), null, "Send a JSON body");
        assertRefused(() -> BookmarkRequestValidator.name(request(null, "snap-1", null, null)), "name",
                "name is required: 1 to 100 letters");
        assertRefused(() -> BookmarkRequestValidator.name(request(" leading space", "snap-1", null, null)), "name",
                "starting with a letter or digit.");
        assertRefused(() -> BookmarkRequestValidator.name(request("x".repeat(101), "snap-1", null, null)), "name",
                "name is required");
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
    void tagsAreOptionalAndEachMustBeAName() {
        assertThat(BookmarkRequestValidator.tags(request("a", "snap-1", null, null))).isEmpty();
        assertThat(BookmarkRequestValidator.tags(request("a", "snap-1", null, List.of("team/db", "v1.2"))))
                .containsExactly("team/db", "v1.2");
        assertRefused(() -> BookmarkRequestValidator.tags(request("a", "snap-1", null, List.of("ok", "not ok"))),
                "tags", "Tag 'not ok' is not valid: 1 to 63 letters, digits or . _ : / -");
    }

    @Test
    void anExpiryMustBeInTheFuture() {
        BookmarkRequestValidator.requireFutureExpiry(null, NOW);
        BookmarkRequestValidator.requireFutureExpiry(NOW.plusSeconds(1), NOW);
        assertRefused(() -> BookmarkRequestValidator.requireFutureExpiry(NOW, NOW), "expiresAt",
                "expiresAt 2025-01-01T00:00:00Z is not in the future");
    }
}
