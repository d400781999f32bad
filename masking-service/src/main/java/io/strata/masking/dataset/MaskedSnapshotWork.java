package io.strata.masking.dataset;

import java.util.Map;

import io.strata.contracts.provisioning.VdbView;

/**
 * What the steps of a masked snapshot gather.
 *
 * @param maskedDataset the masked dataset
 * @param sourceSnapshot the source snapshot masked
 * @param vdbId the working virtual database the provisioning service makes for the masking
 * @param volumeId its clone's volume, in the masked dataset
 * @param snapshotId the masked snapshot's id
 * @param connection how to reach the working virtual database, once it runs
 * @param report the masking's report, once masked
 */
public record MaskedSnapshotWork(String maskedDataset, String sourceSnapshot, String vdbId, String volumeId,
        String snapshotId, VdbView.Connection connection, Map<String, Object> report) {

    /** The same work with the working virtual database running. */
    public MaskedSnapshotWork withConnection(VdbView.Connection running) {
        return new MaskedSnapshotWork(maskedDataset, sourceSnapshot, vdbId, volumeId, snapshotId, running, report);
    }

    /** The same work with the masking's report. */
    public MaskedSnapshotWork withReport(Map<String, Object> masked) {
        return new MaskedSnapshotWork(maskedDataset, sourceSnapshot, vdbId, volumeId, snapshotId, connection, masked);
    }
}
