package io.strata.masking.dataset;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.StringListConverter;
import io.strata.masking.job.SubsetRequestConverter;
import io.strata.masking.subset.SubsetRequest;

/**
 * A masked dataset: every new snapshot of its source is cloned, subset, masked with its ruleset, its users' passwords
 * removed, verified and snapshotted onto this dataset's own timeline, from which virtual databases are provisioned.
 */
@Entity
@Table(name = "masked_dataset")
public class MaskedDataset extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String name;

    /** The dataset (a source) whose snapshots are masked. */
    @Column(nullable = false)
    public String source;

    @Column(name = "ruleset_id", nullable = false)
    public String rulesetId;

    /** Whether every login role gets a new password, so no production credential reaches a copy. */
    @Column(name = "reset_users", nullable = false)
    public boolean resetUsers;

    /** Production roles that must not log in to any copy. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "disable_roles", columnDefinition = "text", nullable = false)
    public List<String> disableRoles;

    /** The subset made before masking, {@code null} for the whole database. */
    @Convert(converter = SubsetRequestConverter.class)
    @Column(columnDefinition = "text")
    public SubsetRequest subset;

    /**
     * The working virtual database of the newest masked snapshot, kept (stopped) rather than deleted: the pool keeps a
     * dataset's snapshots only while the dataset has a live volume, like a virtual database's, and its clone is the
     * masked dataset's. The previous one is deleted when a newer masking succeeds, and this one when the masked
     * dataset is deleted.
     */
    @Column(name = "kept_vdb")
    public String keptVdb;

    /**
     * A working clone kept before working clones were working virtual databases; given back at the next masking or
     * deletion.
     */
    @Column(name = "kept_volume")
    public String keptVolume;

    /**
     * The Kubernetes resource ({@code MaskedDataset}, {@code namespace/name}) this masked dataset was made for: its operator finds
     * it by this, and the REST API leaves its deletion to the resource. {@code null} for one made over REST.
     */
    @Column(name = "managed_by")
    public String managedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A masked dataset by id or name, or {@code null}. */
    public static MaskedDataset byIdOrName(String idOrName) {
        MaskedDataset dataset = findById(idOrName);
        return dataset != null ? dataset : find("name", idOrName).firstResult();
    }
}
