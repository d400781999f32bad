package io.strata.masking.profiling.job;

import java.util.List;

import io.strata.common.operations.OperationKind;

/** The masking service's profiling operations. */
public enum ProfilingOperation implements OperationKind<ProfilingStep> {

    /** One virtual database profiled ({@code POST /api/v1/profiling-jobs}). */
    PROFILE_VDB("masking.profile", List.of(ProfilingStep.SAMPLE)),
    /** A source's snapshot profiled through a temporary working virtual database, deleted afterwards. */
    PROFILE_SNAPSHOT("masking.profile-snapshot", List.of(ProfilingStep.PROVISION, ProfilingStep.SAMPLE));

    private final String jobKind;
    private final List<ProfilingStep> steps;

    ProfilingOperation(String jobKind, List<ProfilingStep> steps) {
        this.jobKind = jobKind;
        this.steps = steps;
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<ProfilingStep> steps() {
        return steps;
    }
}
