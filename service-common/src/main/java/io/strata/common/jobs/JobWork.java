package io.strata.common.jobs;

/** The body of a job run by {@link JobRunner}. Throw an {@code ApiException} to fail it with a message for users. */
@FunctionalInterface
public interface JobWork {

    /** Does the work, reporting progress on {@code context}; returns the final step's description. */
    String run(JobContext context) throws Exception;
}
