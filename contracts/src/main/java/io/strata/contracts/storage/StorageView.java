package io.strata.contracts.storage;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The pool's space report ({@code GET /api/v1/storage}).
 *
 * @param driver {@code btrfs}, {@code zfs} or {@code copy}
 * @param thinClones whether clones share their parent's blocks (false for the copy driver on a filesystem without
 *        reflinks: then each clone is a full copy)
 * @param capacity bytes the pool can hold
 * @param used bytes used
 * @param free bytes free
 * @param usedPercent used ÷ capacity, in percent
 * @param warning set when the pool is above the warning threshold, saying when new volumes will be refused
 * @param datasets space per dataset
 * @param provisionedLogicalSize the logical size of every volume, as if each were a full copy
 * @param savingsRatio provisioned logical size ÷ bytes actually used by volumes and snapshots
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageView(String driver, boolean thinClones, long capacity, long used, long free, double usedPercent,
        String warning, List<DatasetSpace> datasets, long provisionedLogicalSize, double savingsRatio) {

    /**
     * @param id the dataset
     * @param logicalSize logical size of its volumes
     * @param uniqueSize bytes only its volumes and snapshots hold
     * @param sharedSize bytes its volumes reference that others hold too
     * @param volumes how many live volumes
     * @param snapshots how many snapshots
     */
    public record DatasetSpace(String id, long logicalSize, long uniqueSize, long sharedSize, int volumes,
            int snapshots) {
    }
}
