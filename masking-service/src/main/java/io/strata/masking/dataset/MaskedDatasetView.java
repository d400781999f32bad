package io.strata.masking.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.strata.masking.subset.SubsetRequest;

/**
 * A masked dataset as the API shows it.
 *
 * @param id its id, also its dataset id in the snapshot service (its timeline: GET /api/v1/datasets/{id}/timeline)
 * @param name its name
 * @param source the source it follows
 * @param ruleset the ruleset's id
 * @param resetUsers whether every login role gets a new password
 * @param disableRoles production roles that cannot log in to any copy
 * @param subset the subset made before masking, {@code null} for the whole database
 * @param latestSnapshot its newest masked snapshot, {@code null} before the first
 * @param snapshots every masking of a source snapshot, oldest first
 * @param createdAt when it was made
 */
public record MaskedDatasetView(String id, String name, String source, String ruleset, boolean resetUsers,
        List<String> disableRoles, SubsetRequest subset, String latestSnapshot, List<Masking> snapshots,
        Instant createdAt) {

    /**
     * The masking of one source snapshot.
     *
     * @param jobId its job
     * @param sourceSnapshot the source snapshot masked
     * @param snapshot the masked snapshot, once taken
     * @param status RUNNING, SUCCEEDED or FAILED
     * @param rulesetVersion the ruleset's version it used
     * @param keyIds the masking keys it used
     * @param error why it failed
     * @param createdAt when it began
     * @param finishedAt when it ended
     */
    public record Masking(UUID jobId, String sourceSnapshot, String snapshot, MaskedSnapshot.Status status,
            int rulesetVersion, Object keyIds, String error, Instant createdAt, Instant finishedAt) {

        static Masking of(MaskedSnapshot run) {
            Map<String, Object> report = run.report == null ? Map.of() : run.report;
            return new Masking(run.jobId, run.sourceSnapshot, run.snapshotId, run.status, run.rulesetVersion, report
                    .getOrDefault("keyIds", List.of()), run.error, run.createdAt, run.finishedAt);
        }
    }

    static MaskedDatasetView of(MaskedDataset dataset) {
        List<Masking> snapshots = MaskedSnapshot.ofDataset(dataset.id).stream().map(Masking::of).toList();
        String latest = snapshots.stream().filter(s -> s.snapshot() != null).reduce((a, b) -> b).map(
                Masking::snapshot).orElse(null);
        return new MaskedDatasetView(dataset.id, dataset.name, dataset.source, dataset.rulesetId, dataset.resetUsers,
                dataset.disableRoles, dataset.subset, latest, snapshots, dataset.createdAt);
    }
}
