package io.strata.ingest.source;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.VolumeCreated;

/** The steps of a source's operations. */
public enum SourceStep implements StepKind {

    /** Waiting for the snapshot service's new staging volume. */
    VOLUME(VolumeCreated.class),
    /** Waiting for the provisioning service to attach the volume to the staging environment. */
    ATTACH(AttachmentReady.class),
    /** The worker loads the staging copy (link, resync) or brings it to a snapshot point (sync). */
    WORK(null),
    /** Waiting for the snapshot service's snapshot of the staging volume. */
    SNAPSHOT(SnapshotCreated.class),
    /** The worker stops staging and removes what linking left on the source. */
    TEARDOWN(null),
    /** The worker stops the staging copy (disable). */
    STOP_STAGING(null),
    /** The worker starts the staging copy again (enable). */
    START_STAGING(null);

    private final Class<? extends Reply> awaits;

    SourceStep(Class<? extends Reply> awaits) {
        this.awaits = awaits;
    }

    @Override
    public Class<? extends Reply> awaits() {
        return awaits;
    }
}
