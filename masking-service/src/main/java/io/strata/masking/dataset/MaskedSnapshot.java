package io.strata.masking.dataset;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.panache.common.Sort;
import io.strata.masking.job.MaskingRecord;

/** The masking of one source snapshot into one snapshot of a masked dataset: what it used and what came of it. */
@Entity
@Table(name = "masked_snapshot")
public class MaskedSnapshot extends MaskingRecord {

    @Column(name = "masked_dataset", nullable = false)
    public String maskedDataset;

    @Column(name = "source_snapshot", nullable = false)
    public String sourceSnapshot;

    /** The masked snapshot, once taken. */
    @Column(name = "snapshot_id")
    public String snapshotId;

    /** A masked dataset's maskings, oldest first. */
    public static List<MaskedSnapshot> ofDataset(String maskedDataset) {
        return list("maskedDataset", Sort.ascending("createdAt"), maskedDataset);
    }
}
