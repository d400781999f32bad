package io.strata.contracts.ingest;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A source as the API shows it ({@code GET /api/v1/sources/{id}}); secrets are never shown.
 *
 * @param id its id, also the id of its dataset on the timeline ({@code GET /api/v1/datasets/{id}/timeline})
 * @param name its name
 * @param engine the plugin
 * @param environment where the source lives
 * @param stagingEnvironment where its staging copy lives
 * @param state LINKING, ACTIVE, DISABLED, FAILED or DELETING
 * @param parameters the source parameters, secrets removed
 * @param syncPolicy the cron expression of scheduled syncs, or {@code null}
 * @param nextSyncAt when the sync policy starts the next sync, or {@code null}
 * @param logSync whether the source's WAL is kept for point in time
 * @param lastSyncAt when the last snapshot was taken
 * @param lastSnapshot its id
 * @param lastPosition where the data stood then (an LSN for PostgreSQL)
 * @param size the logical size of the last snapshot, in bytes
 * @param snapshots how many snapshots its syncs made
 * @param staging the staging copy's state, read live
 * @param error why the last operation failed
 * @param createdAt when it was linked
 * @param sensitive whether only admins may provision from it; everyone else provisions from its masked datasets
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceView(String id, String name, String engine, String environment, String stagingEnvironment,
        String state, Map<String, Object> parameters, String syncPolicy, Instant nextSyncAt, boolean logSync,
        Instant lastSyncAt,
        String lastSnapshot, String lastPosition, Long size, int snapshots, Staging staging, String error,
        Instant createdAt, boolean sensitive) {

    /**
     * @param running whether the staging engine runs
     * @param lagBytes how far behind the source, in bytes of WAL
     * @param lagSeconds how far behind, in seconds
     * @param lastReplay the time of the last change replayed
     * @param detail a line for people
     * @param path the staging volume's path
     * @param port the staging engine's port
     */
    public record Staging(Boolean running, Long lagBytes, Double lagSeconds, Instant lastReplay, String detail,
            String path, Integer port) {
    }
}
