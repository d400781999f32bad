package io.strata.common.jobs;

import java.util.UUID;

/** What a running job's work can do: report progress and stop when canceled. */
public final class JobContext {

    private final UUID jobId;
    private final JobService jobs;

    JobContext(UUID jobId, JobService jobs) {
        this.jobId = jobId;
        this.jobs = jobs;
    }

    public UUID jobId() {
        return jobId;
    }

    /** Records progress (0–100) and the current step; throws {@link JobCanceledException} if cancel was asked. */
    public void progress(int percent, String step) {
        checkCanceled();
        jobs.progress(jobId, percent, step);
    }

    /** Throws {@link JobCanceledException} when someone asked to cancel the job: call it between steps. */
    public void checkCanceled() {
        if (jobs.isCancelRequested(jobId)) {
            throw new JobCanceledException();
        }
    }

    /** Thrown at a safe point when the job was asked to stop. */
    public static final class JobCanceledException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        JobCanceledException() {
            super("canceled");
        }
    }
}
