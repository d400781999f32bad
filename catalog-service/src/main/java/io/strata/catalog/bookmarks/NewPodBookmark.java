package io.strata.catalog.bookmarks;

import java.time.Instant;
import java.util.List;

/**
 * A bookmark a data pod asks for, made once its snapshots are taken ({@link BookmarkService#forPod}).
 *
 * @param id its id, chosen up front so that the request can name it
 * @param name its name
 * @param tags its tags
 * @param shared whether everyone may see it
 * @param expiresAt when it goes, or {@code null}
 * @param owner the user who asked for it
 * @param managedBy the Kubernetes Bookmark resource it is made for ({@code namespace/name}), or {@code null}
 */
public record NewPodBookmark(String id, String name, List<String> tags, boolean shared, Instant expiresAt,
        String owner, String managedBy) {
}
