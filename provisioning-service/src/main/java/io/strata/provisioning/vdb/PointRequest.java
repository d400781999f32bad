package io.strata.provisioning.vdb;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.common.errors.ApiException;

/**
 * {@code POST /api/v1/vdbs/{id}/refresh} and {@code /rewind}: the point to go to. An empty body means the parent's
 * newest snapshot (refresh only).
 *
 * @param snapshot a snapshot id: of the parent (refresh) or of the virtual database itself (rewind)
 * @param bookmark a bookmark id or name on that timeline
 * @param timestamp a moment of the virtual database's current life, ISO-8601 (rewind only)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PointRequest(String snapshot, String bookmark, Instant timestamp) {

    /** No point given: for a refresh, the parent's newest snapshot. */
    public static final PointRequest NEWEST = new PointRequest(null, null, null);

    /** Refuses a request that names more than one point, or a moment where none can be given. */
    void requireOnePoint(boolean rewind) {
        if (bookmark != null && (snapshot != null || timestamp != null)) {
            throw ApiException.badRequest("bookmark", "Give one of snapshot, bookmark or timestamp.");
        }
        if (timestamp != null && !rewind) {
            throw ApiException.badRequest("timestamp", "A refresh goes to a snapshot of the parent or a bookmark on "
                    + "it; to go back to a moment, rewind.");
        }
        if (snapshot != null && timestamp != null) {
            throw ApiException.badRequest("snapshot", "Give snapshot or timestamp, not both.");
        }
    }
}
