package io.strata.masking.job;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;

/** The steps of masking operations. */
public enum MaskingStep implements StepKind {

    /** The worker masks the database in place and verifies the result. */
    MASK;

    @Override
    public Class<? extends Reply> awaits() {
        return null;
    }
}
