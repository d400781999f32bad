package io.strata.masking.profiling.job;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;
import io.strata.contracts.provisioning.WorkingVdbReady;

/** The steps of profiling. */
public enum ProfilingStep implements StepKind {

    /**
     * For a source: the provisioning service makes a temporary working virtual database of its snapshot and starts
     * it.
     */
    PROVISION(WorkingVdbReady.class),
    /** The worker samples every table of the database read-only and judges each column. */
    SAMPLE(null);

    private final Class<? extends Reply> awaits;

    ProfilingStep(Class<? extends Reply> awaits) {
        this.awaits = awaits;
    }

    @Override
    public Class<? extends Reply> awaits() {
        return awaits;
    }
}
