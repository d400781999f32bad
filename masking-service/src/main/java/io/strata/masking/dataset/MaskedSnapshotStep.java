package io.strata.masking.dataset;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;
import io.strata.contracts.provisioning.WorkingVdbReady;
import io.strata.contracts.provisioning.WorkingVdbStopped;
import io.strata.contracts.storage.SnapshotCreated;

/** The steps of making a masked snapshot. */
public enum MaskedSnapshotStep implements StepKind {

    /**
     * The provisioning service makes a working virtual database of the source snapshot, its clone a volume of the
     * masked dataset, and starts its engine.
     */
    PROVISION(WorkingVdbReady.class),
    /** The worker subsets, masks, verifies and resets the users of the working virtual database over JDBC. */
    MASK(null),
    /** The provisioning service stops the working virtual database's engine cleanly. */
    STOP(WorkingVdbStopped.class),
    /** The snapshot service snapshots the masked clone onto the masked dataset's timeline. */
    SNAPSHOT(SnapshotCreated.class);

    private final Class<? extends Reply> awaits;

    MaskedSnapshotStep(Class<? extends Reply> awaits) {
        this.awaits = awaits;
    }

    @Override
    public Class<? extends Reply> awaits() {
        return awaits;
    }
}
