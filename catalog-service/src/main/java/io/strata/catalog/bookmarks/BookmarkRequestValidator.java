package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.List;

import io.strata.common.errors.ApiException;
import io.strata.contracts.catalog.CreateBookmark;

/**
 * The checks of a {@code POST /bookmarks} request that need no database but more than one field or the clock: which
 * of snapshot and dataset is given, and the expiry. Each refusal is a 400 naming the field. The request's annotations
 * (the name, the tags) are checked before this, at the resource; {@link BookmarkService} calls these with its own
 * look-ups (the name's uniqueness, the snapshot) in between.
 */
final class BookmarkRequestValidator {

    private BookmarkRequestValidator() {
    }

    /** Exactly one of snapshot and dataset: it says which snapshot the bookmark keeps. */
    static void requireOneTarget(CreateBookmark request) {
        if (request.snapshot() != null && request.dataset() != null) {
            throw ApiException.badRequest("snapshot", "Give either snapshot or dataset, not both.");
        }
        if (request.snapshot() == null && request.dataset() == null) {
            throw ApiException.badRequest("snapshot", "snapshot or dataset is required: the snapshot to bookmark, "
                    + "or the dataset (a source or a virtual database) whose newest snapshot to bookmark.");
        }
    }

    /** The tags, none when not given (each is checked by the request's annotations). */
    static List<String> tags(CreateBookmark request) {
        return request.tags() == null ? List.of() : List.copyOf(request.tags());
    }

    /** An expiry, when given, must be after {@code now}: a bookmark that expires at once would never be READY. */
    static void requireFutureExpiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt", "expiresAt " + expiresAt + " is not in the future; "
                    + "give a later moment, or none to keep the bookmark until it is deleted.");
        }
    }
}
