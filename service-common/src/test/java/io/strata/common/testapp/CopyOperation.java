package io.strata.common.testapp;

import java.util.List;

import io.strata.common.operations.OperationKind;

/** Test operations: a copy asks, then copies; a gathered copy asks three at once, then copies; a quick copy copies. */
public enum CopyOperation implements OperationKind<CopyStep> {

    COPY("test.copy", List.of(CopyStep.ASK, CopyStep.COPY)), GATHERED_COPY("test.gathered-copy", List.of(
            CopyStep.GATHER, CopyStep.COPY)), QUICK_COPY("test.quick-copy", List.of(CopyStep.COPY));

    private final String jobKind;
    private final List<CopyStep> steps;

    CopyOperation(String jobKind, List<CopyStep> steps) {
        this.jobKind = jobKind;
        this.steps = steps;
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<CopyStep> steps() {
        return steps;
    }
}
