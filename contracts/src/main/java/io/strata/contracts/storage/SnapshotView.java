package io.strata.contracts.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A snapshot as the API and the events show it ({@code GET /api/v1/snapshots/{id}}).
 *
 * @param id the snapshot id
 * @param dataset the dataset whose timeline it is on
 * @param volume the volume it was taken from
 * @param parent the snapshot before it on the timeline; for the first snapshot of a clone, the snapshot the clone
 *        was made from
 * @param createdAt when it was taken
 * @param position where the data stands in the engine's terms (a PostgreSQL LSN, say)
 * @param positionTime the moment the data corresponds to
 * @param logicalSize bytes of data the snapshot holds as its user sees them
 * @param uniqueSize bytes only this snapshot holds (what deleting it would free)
 * @param metadata what the requester kept with it
 * @param dependents what keeps it from being deleted: live clones ({@code volume:<id>}) and holders such as
 *        bookmarks
 * @param children the snapshots whose parent this one is, on any dataset (a clone's first snapshot, the next
 *        snapshot on the timeline): lineage walked forwards
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotView(String id, String dataset, String volume, String parent, Instant createdAt,
        String position, Instant positionTime, Long logicalSize, Long uniqueSize, Map<String, String> metadata,
        List<String> dependents, List<String> children) {
}
