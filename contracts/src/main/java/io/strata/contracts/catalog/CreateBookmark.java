package io.strata.contracts.catalog;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of {@code POST /api/v1/bookmarks}: a bookmark of one snapshot, or of a dataset's newest snapshot. The
 * annotations are the checks that need nothing but the request; which of snapshot and dataset is given, whether it
 * exists and whether the expiry is in the future are checked by the catalog.
 *
 * @param name its name
 * @param snapshot the snapshot to bookmark
 * @param dataset instead of {@code snapshot}: the dataset whose newest snapshot to bookmark
 * @param tags labels
 * @param shared whether other users may provision from it (default false)
 * @param expiresAt when it goes by itself (optional, in the future)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateBookmark(
        @NotNull(message = NAME) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}", message = NAME) String name,
        String snapshot,
        String dataset,
        List<@NotNull(message = TAG) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}", message = TAG) String> tags,
        Boolean shared,
        Instant expiresAt) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {name, snapshot | dataset, tags, shared, "
            + "expiresAt}";

    private static final String NAME = "is required: 1 to 100 letters, digits, spaces or . _ : -, starting with a "
            + "letter or digit";
    private static final String TAG = "is not a valid tag: 1 to 63 letters, digits or . _ : / -, starting with a "
            + "letter or digit";
}
