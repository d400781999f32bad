package io.strata.masking.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A masking job as the API shows it; its progress is on {@code GET /api/v1/jobs/{jobId}}.
 *
 * @param jobId the job
 * @param vdb the virtual database masked
 * @param ruleset the ruleset; {@code null} for a job that only subsets
 * @param rulesetVersion the ruleset's version used
 * @param status RUNNING, SUCCEEDED or FAILED
 * @param report rows and values masked per column, the verification, the key ids
 * @param error why it failed
 * @param createdAt when it was asked for
 * @param finishedAt when it ended
 */
public record MaskingRunView(UUID jobId, String vdb, String ruleset, int rulesetVersion, String status,
        Map<String, Object> report, String error, Instant createdAt, Instant finishedAt) {

    /** The view of a run. */
    public static MaskingRunView of(MaskingRun run) {
        return new MaskingRunView(run.jobId, run.vdbId, run.rulesetId, run.rulesetVersion, run.status.name(),
                run.report, run.error, run.createdAt, run.finishedAt);
    }
}
