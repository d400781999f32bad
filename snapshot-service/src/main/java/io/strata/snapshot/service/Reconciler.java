package io.strata.snapshot.service;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.Errors;
import io.strata.common.events.EventPublisher;
import io.strata.common.schema.SchemaReady;
import io.strata.contracts.storage.VolumeFailed;
import io.strata.snapshot.domain.Snapshot;
import io.strata.snapshot.domain.Volume;
import io.strata.snapshot.pool.Pool;
import io.strata.snapshot.pool.PoolDriver;

/**
 * Makes the database and the pool agree after a start (a crash may have struck anywhere): a volume or snapshot the
 * database calls READY but the pool lacks is marked FAILED (and announced); one the pool has but the database does not
 * know — an operation interrupted between the pool and the commit — is removed, since the command that made it is
 * redelivered and will make it again; deletions that were under way are finished; NFS exports and their mounts are
 * re-created. Runs before the consumer starts handling commands.
 */
@ApplicationScoped
public class Reconciler {

    @Inject
    Pool pool;

    @Inject
    EventPublisher events;

    @Inject
    ExportService exports;

    private volatile Report lastReport;

    /** What the last reconcile pass found. */
    public record Report(List<String> failed, List<String> orphansRemoved, List<String> deletionsFinished) {
    }

    void onSchemaReady(@Observes @Priority(1000) SchemaReady ready) {
        if (!pool.isOpen()) {
            Log.warnf("Skipping reconcile: %s", pool.problem());
            return;
        }
        try {
            lastReport = reconcile();
        } catch (RuntimeException e) {
            Log.errorf(e, "Reconcile failed: %s", Errors.rootMessage(e));
        }
    }

    /** The last pass's findings, or {@code null}. */
    public Report lastReport() {
        return lastReport;
    }

    /** One pass; returns what it found and did. */
    public Report reconcile() {
        PoolDriver driver = pool.driver();
        Set<String> onPoolVolumes = driver.volumes();
        Set<String> onPoolSnapshots = driver.snapshots();
        List<String> failed = new java.util.ArrayList<>();
        List<String> orphans = new java.util.ArrayList<>();
        List<String> finished = new java.util.ArrayList<>();

        QuarkusTransaction.requiringNew().run(() -> {
            Set<String> knownVolumes = new HashSet<>();
            for (Volume volume : Volume.<Volume>listAll()) {
                knownVolumes.add(volume.id);
                boolean present = onPoolVolumes.contains(volume.id);
                if (volume.state == Volume.State.READY && !present) {
                    volume.state = Volume.State.FAILED;
                    volume.error = "missing from the pool when the snapshot service started";
                    events.publish(new VolumeFailed(volume.id, volume.dataset, volume.error));
                    failed.add("volume:" + volume.id);
                } else if (volume.state == Volume.State.DELETING
                        || (volume.state == Volume.State.DELETED && present)) {
                    driver.deleteVolume(volume.id);
                    volume.state = Volume.State.DELETED;
                    finished.add("volume:" + volume.id);
                }
            }
            for (String id : onPoolVolumes) {
                if (!knownVolumes.contains(id)) {
                    driver.deleteVolume(id);
                    orphans.add("volume:" + id);
                }
            }
            Set<String> knownSnapshots = new HashSet<>();
            for (Snapshot snapshot : Snapshot.<Snapshot>listAll()) {
                knownSnapshots.add(snapshot.id);
                boolean present = onPoolSnapshots.contains(snapshot.id);
                if (snapshot.state == Snapshot.State.READY && !present) {
                    snapshot.state = Snapshot.State.FAILED;
                    failed.add("snapshot:" + snapshot.id);
                } else if (snapshot.state == Snapshot.State.DELETED && present) {
                    driver.deleteSnapshot(snapshot.id);
                    finished.add("snapshot:" + snapshot.id);
                }
            }
            for (String id : onPoolSnapshots) {
                if (!knownSnapshots.contains(id)) {
                    driver.deleteSnapshot(id);
                    orphans.add("snapshot:" + id);
                }
            }
        });
        exports.reapplyAll();
        Report report = new Report(List.copyOf(failed), List.copyOf(orphans), List.copyOf(finished));
        if (!failed.isEmpty() || !orphans.isEmpty() || !finished.isEmpty()) {
            Log.infof("Reconciled the pool with the database: failed %s, orphans removed %s, deletions finished %s",
                    failed, orphans, finished);
        }
        return report;
    }
}
