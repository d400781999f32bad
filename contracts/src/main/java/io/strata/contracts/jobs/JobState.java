package io.strata.contracts.jobs;

/** Where a job is in its life. Only PENDING and RUNNING jobs can still change. */
public enum JobState {

    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED;

    /** Whether the job has ended and will not change again. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
