package io.strata.masking.profiling.job;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;

/** The steps of profiling. */
public enum ProfilingStep implements StepKind {

    /** The worker samples every table of the database read-only and judges each column. */
    SAMPLE;

    @Override
    public Class<? extends Reply> awaits() {
        return null;
    }
}
