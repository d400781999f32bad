package io.strata.catalog.datasets;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.strata.common.persistence.StringListConverter;

/**
 * One dataset in the catalog, as the services' events described it last. Each service announces its own datasets:
 * ingest its sources, masking its masked datasets, provisioning its virtual databases; the snapshot service their
 * snapshots.
 */
@Entity
@Table(name = "dataset_entry")
public class DatasetEntry extends PanacheEntityBase {

    /** What kind of dataset it is. */
    public enum Kind {
        /** A linked production database. */
        SOURCE,
        /** The masked copies of a source, one masked snapshot per source snapshot. */
        MASKED,
        /** A virtual database: a writable thin clone. */
        VDB
    }

    /** The status a dataset's row keeps once it is gone. */
    public static final String DELETED = "DELETED";

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String name;

    public String engine;

    /** The owning service's own word: ACTIVE, RUNNING, FAILED ..., or DELETED. */
    @Column(nullable = false)
    public String status;

    public String environment;

    /** The dataset it was made from: a masked dataset's source, a virtual database's source or masked dataset. */
    @Column(name = "parent_dataset")
    public String parentDataset;

    /** The snapshot of the parent its data comes from (for a masked dataset, that of its newest masked snapshot). */
    @Column(name = "parent_snapshot")
    public String parentSnapshot;

    /** For masked data: the ruleset and its version, {@code <id>@v<version>}. */
    public String ruleset;

    /** For masked data: the ids of the masking keys its newest snapshot used. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "key_ids", columnDefinition = "text")
    public List<String> keyIds;

    @Column(name = "last_snapshot")
    public String lastSnapshot;

    @Column(name = "last_snapshot_at")
    public Instant lastSnapshotAt;

    /** The logical size of its newest snapshot, in bytes. */
    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String error;

    /** Who owns it, once users exist; {@code null} until then. */
    public String owner;

    /** A source whose data goes to admins only (everyone else uses its masked datasets). */
    public boolean sensitive;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A dataset by id, or else by name (a live one before a deleted one of that name); {@code null} when none. */
    public static DatasetEntry byIdOrName(String idOrName) {
        DatasetEntry entry = findById(idOrName);
        if (entry != null) {
            return entry;
        }
        // Of several of that name (one deleted, one made again since), the live one; else the newest.
        return DatasetEntry.<DatasetEntry>find("name = ?1", Sort.by("updatedAt").descending(), idOrName).stream()
                .min(Comparator.comparing(DatasetEntry::deleted)).orElse(null);
    }

    /** Whether the dataset is gone. */
    public boolean deleted() {
        return DELETED.equals(status);
    }

    /**
     * The entry of that dataset, made with the kind given when the catalog has none yet (events from different
     * services arrive in any order); renamed when {@code name} is given.
     */
    static DatasetEntry findOrNew(String id, Kind kind, String name) {
        DatasetEntry entry = findById(id);
        boolean made = entry == null;
        if (made) {
            entry = new DatasetEntry();
            entry.id = id;
            entry.kind = kind;
            entry.status = "UNKNOWN";
        }
        if (name != null || entry.name == null) {
            entry.name = name != null ? name : id;
        }
        entry.updatedAt = Instant.now();
        if (made) {
            entry.persist();
        }
        return entry;
    }
}
