package io.strata.common.jobs;

/**
 * Takes back the unfinished jobs of one or more kinds after the service restarts. A service implements it for the
 * jobs it can resume or roll back; {@link JobRecovery} fails every other unfinished job, because no thread runs it
 * any more.
 */
public interface JobResumer {

    /** Whether this resumer handles jobs of that kind. */
    boolean handles(String kind);

    /** Resumes (or cleans up and fails) the job; called once per unfinished job, after the schema is ready. */
    void resume(Job job);
}
