package io.strata.contracts.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A bookmark as the API and the events show it ({@code GET /api/v1/bookmarks/{id}}).
 *
 * @param id the bookmark id
 * @param name its name, unique among live bookmarks
 * @param points where it stands, one point per dataset
 * @param tags free labels to find it by ({@code GET /bookmarks?tag=})
 * @param shared whether other users may provision from it
 * @param expiresAt when it is deleted by itself, or {@code null} to keep it until deleted
 * @param createdAt when it was asked for
 * @param status {@code PENDING} until its snapshots are held, then {@code READY}; {@code DELETING} on its way out
 * @param jobId the job that made it (or is deleting it)
 * @param pod the data pod it is a bookmark of (one point per virtual database), or {@code null}
 * @param owner the user who made it; {@code null} for one made before users existed
 * @param sharedWith the users it is shared with by name (besides everyone, when {@code shared})
 * @param branch the branch of its pod that was active when it was made; {@code null} for one not made from a pod or
 *        made before the branch was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookmarkView(String id, String name, List<BookmarkPoint> points, List<String> tags, boolean shared,
        Instant expiresAt, Instant createdAt, String status, UUID jobId, String pod, String owner,
        List<String> sharedWith, String branch) {
}
