package io.strata.snapshot.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobRunner;
import io.strata.snapshot.domain.Dataset;
import io.strata.snapshot.domain.Snapshot;
import io.strata.snapshot.pool.BtrfsDriver;
import io.strata.snapshot.pool.Pool;

/**
 * Copies a dataset's snapshots to another btrfs filesystem (a second pool, a backup disk) with btrfs send/receive,
 * oldest first, each one incremental against the previous snapshot already there, so a repeated replication only
 * moves the new snapshots' changes.
 */
@ApplicationScoped
public class ReplicationService {

    @Inject
    Pool pool;

    @Inject
    JobRunner jobs;

    /** Starts a replication job; 400 when the target is not a btrfs directory, 409 when the pool is not btrfs. */
    @Transactional
    public Job replicate(String datasetId, String target) {
        if (Dataset.findById(datasetId) == null) {
            throw ApiException.notFound("dataset", datasetId);
        }
        if (!(pool.driver() instanceof BtrfsDriver driver)) {
            throw ApiException.conflict("Replication uses btrfs send/receive; this pool's driver is "
                    + pool.driver().name() + ".");
        }
        if (target == null || target.isBlank() || !Path.of(target).isAbsolute()) {
            throw ApiException.badRequest("target", "target must be the absolute path of a directory on another "
                    + "btrfs filesystem, e.g. /mnt/backup-pool/strata.");
        }
        Path targetDir = Path.of(target);
        if (!Files.isDirectory(targetDir) || !BtrfsDriver.isOnBtrfs(targetDir)) {
            throw ApiException.badRequest("target", target + " is not a directory on a mounted btrfs filesystem; "
                    + "create it on the target pool first.");
        }
        return jobs.submit("dataset.replicate", datasetId, null, context -> {
            List<Snapshot> snapshots = QuarkusTransaction.requiringNew().call(() -> Snapshot.ofDataset(datasetId));
            String previous = null;
            long bytes = 0;
            int sent = 0;
            for (int i = 0; i < snapshots.size(); i++) {
                Snapshot snapshot = snapshots.get(i);
                if (!Files.isDirectory(targetDir.resolve(snapshot.id))) {
                    context.progress(100 * i / snapshots.size(), "sending snapshot " + snapshot.id
                            + (previous != null ? " (incremental from " + previous + ")" : ""));
                    bytes += driver.sendSnapshot(snapshot.id, previous, targetDir);
                    sent++;
                }
                previous = snapshot.id;
            }
            return "sent " + sent + " of " + snapshots.size() + " snapshots (" + CapacityGuard.human(bytes)
                    + ") to " + target;
        });
    }
}
