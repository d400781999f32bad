package io.strata.catalog.bookmarks;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;
import io.strata.contracts.storage.SnapshotHoldChanged;

/** The steps of a bookmark's operations; each is repeated for every snapshot of the bookmark, one at a time. */
public enum BookmarkStep implements StepKind {

    /** Waiting for the snapshot service to hold a snapshot for the bookmark. */
    HOLD(SnapshotHoldChanged.class),
    /** Waiting for the snapshot service to release a snapshot the bookmark held. */
    RELEASE(SnapshotHoldChanged.class);

    private final Class<? extends Reply> awaits;

    BookmarkStep(Class<? extends Reply> awaits) {
        this.awaits = awaits;
    }

    @Override
    public Class<? extends Reply> awaits() {
        return awaits;
    }
}
