package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.List;

import io.strata.common.errors.ApiException;
import io.strata.contracts.catalog.CreateBookmark;

/**
 * The checks of a {@code POST /bookmarks} request that need no database: the name, which of snapshot and dataset is
 * given, the tags and the expiry. Each refusal is a 400 naming the field. {@link BookmarkService} calls them in the
 * order it always checked a request, with its own look-ups (the name's uniqueness, the snapshot) in between, so the
 * first problem reported stays the same.
 */
final class BookmarkRequestValidator {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}";
    private static final String TAG = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}";

    private BookmarkRequestValidator() {
    }

    /** The bookmark's name; refuses a missing body too, since the name is the first thing read. */
    static String name(CreateBookmark request) {
        if (request == null) {
            throw ApiException.badRequest(null, "Send a JSON body: {name, snapshot | dataset, tags, shared, "
                    + "expiresAt}.");
        }
        if (request.name() == null || !request.name().matches(NAME)) {
            throw ApiException.badRequest("name", "name is required: 1 to 100 letters, digits, spaces or . _ : -, "
                    + "starting with a letter or digit.");
        }
        return request.name();
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

    /** The tags, none when not given. */
    static List<String> tags(CreateBookmark request) {
        List<String> tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        for (String tag : tags) {
            if (tag == null || !tag.matches(TAG)) {
                throw ApiException.badRequest("tags", "Tag '" + tag + "' is not valid: 1 to 63 letters, digits or "
                        + ". _ : / -, starting with a letter or digit.");
            }
        }
        return tags;
    }

    /** An expiry, when given, must be after {@code now}: a bookmark that expires at once would never be READY. */
    static void requireFutureExpiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt", "expiresAt " + expiresAt + " is not in the future; "
                    + "give a later moment, or none to keep the bookmark until it is deleted.");
        }
    }
}
