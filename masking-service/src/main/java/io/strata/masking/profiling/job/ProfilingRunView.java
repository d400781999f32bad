package io.strata.masking.profiling.job;

import java.time.Instant;
import java.util.UUID;

/**
 * A profiling job as the API shows it; its progress is on {@code GET /api/v1/jobs/{jobId}}, its findings on
 * {@code GET /api/v1/profiling-jobs/{jobId}/inventory}.
 *
 * @param jobId the job
 * @param dataset the dataset as the request named it
 * @param vdb the virtual database profiled
 * @param sampleRows the most rows sampled per table
 * @param status RUNNING, SUCCEEDED or FAILED
 * @param columnsFound how many columns the inventory lists, once it is done
 * @param error why it failed
 * @param createdAt when it was asked for
 * @param finishedAt when it ended
 */
public record ProfilingRunView(UUID jobId, String dataset, String vdb, int sampleRows, String status,
        Integer columnsFound, String error, Instant createdAt, Instant finishedAt) {

    /** The view of a run. */
    public static ProfilingRunView of(ProfilingRun run) {
        return new ProfilingRunView(run.jobId, run.dataset, run.vdbId, run.sampleRows, run.status.name(),
                run.inventory == null ? null : run.inventory.columns().size(), run.error, run.createdAt,
                run.finishedAt);
    }
}
