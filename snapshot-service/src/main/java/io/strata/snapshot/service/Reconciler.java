package io.strata.snapshot.service;

import java.util.ArrayList;
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
import io.strata.snapshot.pool.VolumeUsers;

/**
 * Makes the database and the pool agree after a start (a crash may have struck anywhere): a volume or snapshot the
 * database calls READY but the pool lacks is marked FAILED (and announced); one the pool has but the database does not
 * know — an operation interrupted between the pool and the commit — is removed, since the command that made it is
 * redelivered and will make it again; deletions that were under way are finished; NFS exports and their mounts are
 * re-created; a clone left in its staging place is moved into place if recorded, else removed. Runs before the consumer
 * starts handling commands.
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
    public record Report(List<String> failed, List<String> orphansRemoved, List<String> deletionsFinished,
            List<String> clonesMoved) {
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
        Set<String> onPoolVolumes = new HashSet<>(driver.volumes());
        Set<String> onPoolSnapshots = driver.snapshots();
        Findings findings = new Findings();
        QuarkusTransaction.requiringNew().run(() -> {
            settleStagedClones(driver, onPoolVolumes, findings);
            Set<String> knownVolumes = reconcileVolumes(driver, onPoolVolumes, findings);
            removeOrphanVolumes(driver, onPoolVolumes, knownVolumes, findings);
            Set<String> knownSnapshots = reconcileSnapshots(driver, onPoolSnapshots, findings);
            removeOrphanSnapshots(driver, onPoolSnapshots, knownSnapshots, findings);
        });
        exports.reapplyAll();
        findings.log();
        return findings.report();
    }

    /**
     * Clones the pool made in their staging place and did not move into place: moved now when their volume is
     * recorded (the host lost the move with its power after the commit), removed when not (the service stopped
     * before the move; the command is redelivered).
     */
    private static void settleStagedClones(PoolDriver driver, Set<String> onPool, Findings findings) {
        for (String id : driver.stagedClones()) {
            Volume volume = Volume.findById(id);
            boolean recorded = volume != null && volume.state == Volume.State.READY && !onPool.contains(id);
            driver.settleStagedClone(id, recorded);
            if (recorded) {
                onPool.add(id);
                findings.moved.add("clone:" + id);
            } else {
                findings.orphans.add("clone:" + id);
            }
        }
    }

    /** Fails the READY volumes the pool lacks and finishes interrupted deletions; returns every volume's id. */
    private Set<String> reconcileVolumes(PoolDriver driver, Set<String> onPool, Findings findings) {
        Set<String> known = new HashSet<>();
        for (Volume volume : Volume.<Volume>listAll()) {
            known.add(volume.id);
            boolean present = onPool.contains(volume.id);
            if (volume.state == Volume.State.READY && !present) {
                failVolume(volume);
                findings.failed.add("volume:" + volume.id);
            } else if (deletionUnfinished(volume, present)) {
                driver.deleteVolume(volume.id);
                volume.state = Volume.State.DELETED;
                findings.finished.add("volume:" + volume.id);
            }
        }
        return known;
    }

    private void failVolume(Volume volume) {
        volume.state = Volume.State.FAILED;
        volume.error = "missing from the pool when the snapshot service started";
        events.publish(new VolumeFailed(volume.id, volume.dataset, volume.error));
    }

    /** A deletion was under way, or was committed before the pool's volume was gone. */
    private static boolean deletionUnfinished(Volume volume, boolean present) {
        return volume.state == Volume.State.DELETING || volume.state == Volume.State.DELETED && present;
    }

    /** A volume the database does not know: its command is redelivered and makes it again. */
    private static void removeOrphanVolumes(PoolDriver driver, Set<String> onPool, Set<String> known,
            Findings findings) {
        for (String id : onPool) {
            if (known.contains(id)) {
                continue;
            }
            // A process working in it (an engine on a clone) says it is not ours to remove: deleting a subvolume under
            // a running server leaves that server behind holding its shared memory, and new servers then collide with
            // it. It stays, and the log says why.
            List<String> users = VolumeUsers.of(driver.volumePath(id));
            if (users.isEmpty()) {
                driver.deleteVolume(id);
                findings.orphans.add("volume:" + id);
            } else {
                Log.warnf("Volume %s is unknown to this service's database but in use by %s; it is left alone. Is "
                        + "another installation using the pool %s?", id, String.join(", ", users),
                        driver
                                .volumePath(id).getParent());
            }
        }
    }

    /** Fails the READY snapshots the pool lacks and finishes interrupted deletions; returns every snapshot's id. */
    private static Set<String> reconcileSnapshots(PoolDriver driver, Set<String> onPool, Findings findings) {
        Set<String> known = new HashSet<>();
        for (Snapshot snapshot : Snapshot.<Snapshot>listAll()) {
            known.add(snapshot.id);
            boolean present = onPool.contains(snapshot.id);
            if (snapshot.state == Snapshot.State.READY && !present) {
                snapshot.state = Snapshot.State.FAILED;
                findings.failed.add("snapshot:" + snapshot.id);
            } else if (snapshot.state == Snapshot.State.DELETED && present) {
                driver.deleteSnapshot(snapshot.id);
                findings.finished.add("snapshot:" + snapshot.id);
            }
        }
        return known;
    }

    /** A snapshot the database does not know: its command is redelivered and makes it again. */
    private static void removeOrphanSnapshots(PoolDriver driver, Set<String> onPool, Set<String> known,
            Findings findings) {
        for (String id : onPool) {
            if (!known.contains(id)) {
                driver.deleteSnapshot(id);
                findings.orphans.add("snapshot:" + id);
            }
        }
    }

    /** What a pass finds, collected as it goes (inside the transaction) and reported after it. */
    private static final class Findings {

        final List<String> failed = new ArrayList<>();
        final List<String> orphans = new ArrayList<>();
        final List<String> finished = new ArrayList<>();
        final List<String> moved = new ArrayList<>();

        Report report() {
            return new Report(List.copyOf(failed), List.copyOf(orphans), List.copyOf(finished), List.copyOf(moved));
        }

        /** Logs only a pass that changed something, so a clean start stays quiet. */
        void log() {
            if (!failed.isEmpty() || !orphans.isEmpty() || !finished.isEmpty() || !moved.isEmpty()) {
                Log.infof("Reconciled the pool with the database: failed %s, orphans removed %s, deletions "
                        + "finished %s, staged clones moved into place %s", failed, orphans, finished, moved);
            }
        }
    }
}
