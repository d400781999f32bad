package io.strata.contracts.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of {@code POST /api/v1/bookmarks}: a bookmark of one snapshot, or of a dataset's newest snapshot.
 *
 * @param name its name
 * @param snapshot the snapshot to bookmark
 * @param dataset instead of {@code snapshot}: the dataset whose newest snapshot to bookmark
 * @param tags labels
 * @param shared whether other users may provision from it (default false)
 * @param expiresAt when it goes by itself (optional, in the future)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateBookmark(String name, String snapshot, String dataset, List<String> tags, Boolean shared,
        Instant expiresAt) {
}
