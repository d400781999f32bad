package io.strata.masking.dataset;

import java.util.List;

import io.strata.common.operations.OperationKind;

/** The masked datasets' long operations. */
public enum MaskedSnapshotOperation implements OperationKind<MaskedSnapshotStep> {

    /** One source snapshot masked into a snapshot of a masked dataset. */
    MASK_SNAPSHOT("masking.snapshot", List.of(MaskedSnapshotStep.PROVISION, MaskedSnapshotStep.MASK,
            MaskedSnapshotStep.STOP, MaskedSnapshotStep.SNAPSHOT));

    private final String jobKind;
    private final List<MaskedSnapshotStep> steps;

    MaskedSnapshotOperation(String jobKind, List<MaskedSnapshotStep> steps) {
        this.jobKind = jobKind;
        this.steps = steps;
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<MaskedSnapshotStep> steps() {
        return steps;
    }
}
