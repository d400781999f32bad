package io.strata.provisioning.vdb;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.SnapshotCreated;

/** The steps of a virtual database's operations. */
public enum VdbStep implements StepKind {

    /** The worker runs the pre-hook and stops the engine before a new clone replaces the current one. */
    PREPARE(null),
    /** Waiting for the snapshot service's clone. */
    CLONE(CloneCreated.class),
    /** Waiting for the clone to be mounted on a remote target. */
    ATTACH(AttachmentReady.class),
    /** The worker configures and starts the engine on the new clone. */
    CONFIGURE(null),
    /** The worker runs the pre-snapshot hook and makes the running engine's commits durable on the clone. */
    FLUSH(null),
    /** Waiting for the snapshot service's snapshot of the clone. */
    SNAPSHOT(SnapshotCreated.class),
    /** The worker starts the engine on the current clone, with its hooks. */
    START_ENGINE(null),
    /** The worker stops the engine, with its hooks. */
    STOP_ENGINE(null),
    /** The worker stops the engine and removes its files outside the clone. */
    REMOVE(null);

    private final Class<? extends Reply> awaits;

    VdbStep(Class<? extends Reply> awaits) {
        this.awaits = awaits;
    }

    @Override
    public Class<? extends Reply> awaits() {
        return awaits;
    }
}
