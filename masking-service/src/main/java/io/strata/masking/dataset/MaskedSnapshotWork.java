package io.strata.masking.dataset;

import java.util.Map;

/**
 * What the steps of a masked snapshot gather.
 *
 * @param maskedDataset the masked dataset
 * @param sourceSnapshot the source snapshot masked
 * @param volumeId the working clone's volume
 * @param snapshotId the masked snapshot's id
 * @param clonePath where the clone is on this host, once made
 * @param engineLeft whether an engine may still run on the clone after a failure (the clone is then kept)
 * @param report the masking's report, once masked
 */
public record MaskedSnapshotWork(String maskedDataset, String sourceSnapshot, String volumeId, String snapshotId,
        String clonePath, boolean engineLeft, Map<String, Object> report) {

    /** The same work with the clone made. */
    public MaskedSnapshotWork withClone(String path) {
        return new MaskedSnapshotWork(maskedDataset, sourceSnapshot, volumeId, snapshotId, path, engineLeft, report);
    }

    /** The same work with the masking's report. */
    public MaskedSnapshotWork withReport(Map<String, Object> masked) {
        return new MaskedSnapshotWork(maskedDataset, sourceSnapshot, volumeId, snapshotId, clonePath, engineLeft,
                masked);
    }

    /** The same work after a failure was undone. */
    public MaskedSnapshotWork withEngineLeft(boolean left) {
        return new MaskedSnapshotWork(maskedDataset, sourceSnapshot, volumeId, snapshotId, clonePath, left, report);
    }
}
