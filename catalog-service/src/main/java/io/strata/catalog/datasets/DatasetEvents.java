package io.strata.catalog.datasets;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.catalog.datasets.DatasetEntry.Kind;
import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.SourceChanged;
import io.strata.contracts.masking.MaskedDatasetChanged;
import io.strata.contracts.masking.MaskingCompleted;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.provisioning.VdbFailed;
import io.strata.contracts.provisioning.VdbReady;
import io.strata.contracts.provisioning.VdbStopped;
import io.strata.contracts.provisioning.VdbView;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;

/**
 * Builds the catalog of datasets from what the services announce: sources from ingest, masked datasets and their
 * masked snapshots from masking, virtual databases from provisioning, and the newest snapshot of each from the
 * snapshot service. Each event sets what it knows and leaves the rest, since events of different services arrive in
 * any order.
 */
@ApplicationScoped
public class DatasetEvents extends EventRoutes {

    public DatasetEvents() {
        super(Set.of(Topics.INGEST, Topics.MASKING, Topics.PROVISIONING, Topics.SNAPSHOT));
        on(SourceChanged.class, this::sourceChanged);
        on(MaskedDatasetChanged.class, this::maskedDatasetChanged);
        on(MaskingCompleted.class, this::maskingCompleted);
        on(VdbReady.class, ready -> vdbReady(ready.vdb()));
        on(VdbFailed.class, this::vdbFailed);
        on(VdbDeleted.class, this::vdbDeleted);
        on(VdbStopped.class, stopped -> mark(stopped.vdbId(), "STOPPED", null));
        on(SnapshotCreated.class, created -> snapshotCreated(created.snapshot()));
    }

    void sourceChanged(SourceChanged changed) {
        DatasetEntry entry = DatasetEntry.findOrNew(changed.source(), Kind.SOURCE, changed.name());
        entry.sensitive = Boolean.TRUE.equals(changed.sensitive());
        entry.engine = changed.engine();
        entry.environment = changed.environment();
        entry.status = changed.state();
        entry.error = changed.error();
        entry.createdAt = changed.createdAt();
        if (changed.lastSnapshot() != null) {
            entry.lastSnapshot = changed.lastSnapshot();
            entry.sizeBytes = changed.size();
        }
    }

    void maskedDatasetChanged(MaskedDatasetChanged changed) {
        DatasetEntry entry = DatasetEntry.findOrNew(changed.maskedDataset(), Kind.MASKED, changed.name());
        entry.parentDataset = changed.source();
        entry.status = changed.state();
        entry.createdAt = changed.createdAt();
        if (entry.ruleset == null) {
            entry.ruleset = changed.rulesetId();
        }
    }

    void maskingCompleted(MaskingCompleted completed) {
        DatasetEntry entry = DatasetEntry.findOrNew(completed.maskedDataset(), Kind.MASKED, completed.name());
        entry.parentSnapshot = completed.sourceSnapshot();
        entry.ruleset = completed.rulesetId() + "@v" + completed.rulesetVersion();
        entry.keyIds = completed.keyIds();
        entry.lastSnapshot = completed.snapshotId();
        if (!DatasetEntry.DELETED.equals(entry.status)) {
            entry.status = "ACTIVE";
        }
    }

    void vdbReady(VdbView vdb) {
        DatasetEntry entry = DatasetEntry.findOrNew(vdb.id(), Kind.VDB, vdb.name());
        entry.engine = vdb.engine();
        entry.status = vdb.status();
        entry.environment = vdb.environment();
        entry.parentDataset = vdb.parent();
        entry.parentSnapshot = vdb.snapshot();
        entry.owner = vdb.owner();
        entry.error = null;
        entry.createdAt = vdb.createdAt();
    }

    void vdbFailed(VdbFailed failed) {
        mark(failed.vdbId(), "FAILED", failed.reason());
    }

    void vdbDeleted(VdbDeleted deleted) {
        mark(deleted.vdbId(), DatasetEntry.DELETED, null);
    }

    /** A new status for a virtual database the catalog knows (a working copy it never listed is left alone). */
    private static void mark(String vdbId, String status, String error) {
        DatasetEntry entry = DatasetEntry.findById(vdbId);
        if (entry != null) {
            entry.status = status;
            if (error != null) {
                entry.error = error;
            }
            entry.updatedAt = Instant.now();
        }
    }

    /** The newest snapshot and size of a dataset the catalog knows; those of others are announced with them. */
    void snapshotCreated(SnapshotView snapshot) {
        DatasetEntry entry = DatasetEntry.findById(snapshot.dataset());
        if (entry == null) {
            return;
        }
        if (entry.lastSnapshotAt == null || snapshot.createdAt() == null || !snapshot.createdAt().isBefore(
                entry.lastSnapshotAt)) {
            entry.lastSnapshot = snapshot.id();
            entry.lastSnapshotAt = snapshot.createdAt();
            entry.sizeBytes = snapshot.logicalSize();
            entry.updatedAt = Instant.now();
        }
    }
}
