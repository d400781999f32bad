package io.strata.masking.job;

import java.util.List;

import io.strata.common.operations.OperationKind;

/** The masking service's long operations. */
public enum MaskingOperation implements OperationKind<MaskingStep> {

    /** One virtual database masked in place ({@code POST /api/v1/masking-jobs}). */
    MASK_VDB("masking.vdb", List.of(MaskingStep.MASK));

    private final String jobKind;
    private final List<MaskingStep> steps;

    MaskingOperation(String jobKind, List<MaskingStep> steps) {
        this.jobKind = jobKind;
        this.steps = steps;
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<MaskingStep> steps() {
        return steps;
    }
}
