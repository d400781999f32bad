package io.strata.masking.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotDeleted;
import io.strata.contracts.storage.SnapshotView;

/**
 * What masking hears from the snapshot service: every snapshot (to know how to start a clone of it), and for a new
 * snapshot of a source that masked datasets follow, the start of their masking. The handler runs in the event's
 * transaction, so a snapshot is masked exactly once even when the event is delivered twice.
 */
@ApplicationScoped
public class SnapshotEvents extends EventRoutes {

    @Inject
    MaskedDatasetService datasets;

    public SnapshotEvents() {
        super(Set.of(Topics.SNAPSHOT));
        on(SnapshotCreated.class, created -> created(created.snapshot()));
        on(SnapshotDeleted.class, this::deleted);
    }

    void created(SnapshotView view) {
        if (SourceSnapshot.findById(view.id()) != null) {
            return;
        }
        SourceSnapshot snapshot = new SourceSnapshot();
        snapshot.id = view.id();
        snapshot.dataset = view.dataset();
        snapshot.position = view.position();
        snapshot.positionTime = view.positionTime();
        snapshot.metadata = view.metadata();
        snapshot.createdAt = view.createdAt() != null ? view.createdAt() : Instant.now();
        snapshot.persist();
        List<MaskedDataset> following = MaskedDataset.list("source", view.dataset());
        for (MaskedDataset dataset : following) {
            Log.infof("New snapshot %s of %s: masking it for %s", view.id(), view.dataset(), dataset.name);
            datasets.maskSnapshot(dataset, snapshot, "sync");
        }
    }

    void deleted(SnapshotDeleted deleted) {
        SourceSnapshot snapshot = SourceSnapshot.findById(deleted.snapshotId());
        if (snapshot != null) {
            snapshot.deleted = true;
        }
    }
}
