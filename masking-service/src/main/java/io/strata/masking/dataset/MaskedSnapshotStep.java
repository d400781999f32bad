package io.strata.masking.dataset;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.SnapshotCreated;

/** The steps of making a masked snapshot. */
public enum MaskedSnapshotStep implements StepKind {

    /** The snapshot service clones the source snapshot into a volume of the masked dataset. */
    CLONE(CloneCreated.class),
    /** The worker starts an engine on the clone, subsets, masks, resets users, verifies and stops it. */
    MASK(null),
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
