package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What a one-shot action resource ({@link VdbRefresh}, {@link PodReset}, ...) did: the Strata job that ran it and its
 * outcome. Its condition {@code Complete} is True once the job succeeded, False with the error once it failed, and
 * Unknown while it runs, so {@code kubectl wait --for=condition=Complete} waits for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActionStatus extends StrataStatus {

    @JsonPropertyDescription("The Strata job that carries out the action (GET /api/v1/jobs/{id}).")
    private String jobId;

    @JsonPropertyDescription("That job's state: PENDING, RUNNING, SUCCEEDED, FAILED or CANCELED.")
    private String jobState;

    @JsonPropertyDescription("The Strata id of what was acted on: the virtual database, or the data pod.")
    private String target;

    @JsonPropertyDescription("For a VdbSnapshot: the snapshot it makes, for a VdbRewind's spec.snapshot or a new "
            + "VirtualDatabase's spec.from.snapshot.")
    private String snapshot;

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getJobState() {
        return jobState;
    }

    public void setJobState(String jobState) {
        this.jobState = jobState;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }
}
