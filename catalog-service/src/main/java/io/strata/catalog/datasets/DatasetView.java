package io.strata.catalog.datasets;

import java.time.Instant;
import java.util.List;

/**
 * A dataset as the catalog shows it.
 *
 * @param id its id (a source's, masked dataset's or virtual database's; also its timeline's)
 * @param kind SOURCE, MASKED or VDB
 * @param name its name
 * @param engine its engine
 * @param status its owning service's status (ACTIVE, RUNNING, FAILED ...), or DELETED
 * @param environment where it runs (sources and virtual databases)
 * @param parent the dataset it was made from, {@code null} for a source
 * @param parentSnapshot the parent's snapshot its data comes from
 * @param ruleset for masked data, the ruleset and version that masked it ({@code <id>@v<n>})
 * @param keyIds for masked data, the masking key ids of its newest snapshot
 * @param lastSnapshot its newest snapshot
 * @param sizeBytes that snapshot's logical size
 * @param error why its last operation failed
 * @param owner who owns it, once users exist
 * @param createdAt when it was made
 * @param updatedAt when the catalog last heard of it
 */
public record DatasetView(String id, String kind, String name, String engine, String status, String environment,
        String parent, String parentSnapshot, String ruleset, List<String> keyIds, String lastSnapshot,
        Long sizeBytes, String error, String owner, Instant createdAt, Instant updatedAt) {

    static DatasetView of(DatasetEntry entry) {
        return new DatasetView(entry.id, entry.kind.name(), entry.name, entry.engine, entry.status, entry.environment,
                entry.parentDataset, entry.parentSnapshot, entry.ruleset, entry.keyIds == null
                        ? List.of()
                        : entry.keyIds,
                entry.lastSnapshot, entry.sizeBytes, entry.error, entry.owner,
                entry.createdAt, entry.updatedAt);
    }

    /**
     * One dataset with where it comes from and what was made from it.
     *
     * @param dataset the dataset
     * @param lineage its ancestors, nearest first: a virtual database's masked dataset, then that one's source
     * @param children the datasets made from it that still exist
     */
    public record Detail(DatasetView dataset, List<DatasetView> lineage, List<DatasetView> children) {
    }
}
