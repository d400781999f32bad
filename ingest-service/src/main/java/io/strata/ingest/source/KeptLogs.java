package io.strata.ingest.source;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.events.EventPublisher;
import io.strata.common.events.EventRoutes;
import io.strata.common.operations.OperationMachine;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.SnapshotDeleted;

/**
 * A source's kept log (its {@code logSync}) shrinks with its snapshots: when the snapshot service deletes one (on
 * request or by retention), the snapshot is forgotten here, the window of moments that can be provisioned starts at
 * the oldest remaining snapshot, and the log files before the first one that snapshot replays from are removed on
 * the staging host. Nothing is removed while that snapshot's first file is unknown (taken before snapshots recorded
 * it). The handler runs in the event's transaction; the removal after it commits.
 */
@ApplicationScoped
public class KeptLogs extends EventRoutes {

    @Inject
    OperationMachine operations;

    @Inject
    SourceWorker worker;

    @Inject
    EventPublisher events;

    public KeptLogs() {
        super(Set.of(Topics.SNAPSHOT));
        on(SnapshotDeleted.class, this::deleted);
    }

    void deleted(SnapshotDeleted deleted) {
        SourceSnapshot gone = SourceSnapshot.find("snapshotId", deleted.snapshotId()).firstResult();
        if (gone == null) {
            return;
        }
        String sourceId = gone.sourceId;
        gone.delete();
        Source source = Source.findById(sourceId);
        if (source == null || !source.logSync) {
            return;
        }
        SourceSnapshot oldest = SourceSnapshot.oldestOf(sourceId);
        if (oldest == null) {
            return;
        }
        SourceSnapshot newest = SourceSnapshot.newestOf(sourceId);
        if (newest.logArchive != null) {
            // The moments before the oldest snapshot left have no snapshot to replay from.
            events.publish(SourceSnapshot.window(source, newest.positionTime, newest.logArchive));
        }
        if (oldest.logFrom == null) {
            return;
        }
        String firstNeeded = oldest.logFrom;
        Log.infof("Snapshot %s of source %s is gone; its kept log before %s goes too", deleted.snapshotId(),
                sourceId, firstNeeded);
        operations.afterwards(() -> worker.trimLog(sourceId, firstNeeded));
    }
}
