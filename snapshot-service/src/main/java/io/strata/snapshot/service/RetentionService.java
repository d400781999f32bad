package io.strata.snapshot.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.strata.common.errors.ApiException;
import io.strata.common.errors.Errors;
import io.strata.contracts.storage.TimelineView;
import io.strata.snapshot.domain.Dataset;
import io.strata.snapshot.domain.Snapshot;
import io.strata.snapshot.domain.Volume;
import io.strata.snapshot.pool.Pool;

/**
 * Retention per dataset: keep the newest {@code keepLast} snapshots and those younger than {@code keepDays}; a
 * snapshot is removed only when it is outside both (or outside the one that is set), and never while a clone or a
 * holder (a bookmark) needs it. The newest snapshot of a dataset is always kept while the dataset has a live volume.
 * A dataset whose volumes are all deleted (a deleted virtual database or source) keeps only the snapshots something
 * still needs; each is removed once its last clone or bookmark is gone.
 */
@ApplicationScoped
public class RetentionService {

    private final ReentrantLock passes = new ReentrantLock();

    @Inject
    StorageService storage;

    @Inject
    Pool pool;

    /** Sets a dataset's policy; {@code null} for a limit means none. */
    @Transactional
    public TimelineView.Retention setPolicy(String datasetId, Integer keepLast, Integer keepDays) {
        Dataset dataset = Dataset.findById(datasetId);
        if (dataset == null) {
            throw ApiException.notFound("dataset", datasetId);
        }
        if (keepLast != null && keepLast < 1) {
            throw ApiException.badRequest("keepLast", "keepLast must be at least 1 (or left out for no count limit).");
        }
        if (keepDays != null && keepDays < 1) {
            throw ApiException.badRequest("keepDays", "keepDays must be at least 1 (or left out for no age limit).");
        }
        dataset.keepLast = keepLast;
        dataset.keepDays = keepDays;
        return new TimelineView.Retention(keepLast, keepDays);
    }

    @Scheduled(every = "${strata.snapshot.schedules.retention:60s}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (pool.isOpen()) {
            applyAll();
        }
    }

    /**
     * Applies every dataset's policy now; returns the ids of the snapshots this pass removed. One pass at a time: a
     * pass asked for while the scheduled one runs waits for it, then finds what is left, so that two passes never race
     * to delete the same snapshot.
     */
    public List<String> applyAll() {
        passes.lock();
        try {
            return applyPolicies();
        } finally {
            passes.unlock();
        }
    }

    private List<String> applyPolicies() {
        List<String> removed = new ArrayList<>();
        List<String> candidates = QuarkusTransaction.requiringNew().call(this::expiredSnapshots);
        for (String snapshotId : candidates) {
            try {
                QuarkusTransaction.requiringNew().run(() -> storage.deleteSnapshot(null, snapshotId, "retention"));
                removed.add(snapshotId);
            } catch (ApiException e) {
                Log.debugf("Retention keeps %s: %s", snapshotId, e.getMessage());
            } catch (RuntimeException e) {
                Log.warnf("Retention could not delete %s: %s", snapshotId, Errors.rootMessage(e));
            }
        }
        return removed;
    }

    List<String> expiredSnapshots() {
        List<String> expired = new ArrayList<>(orphanedSnapshots());
        for (Dataset dataset : Dataset.<Dataset>list("keepLast is not null or keepDays is not null")) {
            List<Snapshot> snapshots = Snapshot.ofDataset(dataset.id);
            Instant cutoff = dataset.keepDays == null ? null : Instant.now().minus(Duration.ofDays(dataset.keepDays));
            for (int i = 0; i < snapshots.size() - 1; i++) {
                Snapshot snapshot = snapshots.get(i);
                int newer = snapshots.size() - 1 - i;
                boolean beyondCount = dataset.keepLast == null || newer >= dataset.keepLast;
                boolean beyondAge = cutoff == null || snapshot.createdAt.isBefore(cutoff);
                if (beyondCount && beyondAge && storage.dependents(snapshot).isEmpty()) {
                    expired.add(snapshot.id);
                }
            }
        }
        return expired;
    }

    /** Snapshots of datasets without a live volume that no clone or holder needs any more. */
    List<String> orphanedSnapshots() {
        List<String> datasets = Snapshot.<Snapshot>list("state", Snapshot.State.READY).stream()
                .map(snapshot -> snapshot.dataset).distinct().toList();
        List<String> orphaned = new ArrayList<>();
        for (String dataset : datasets) {
            if (Volume.count("dataset = ?1 and state in ?2", dataset, List.of(Volume.State.READY,
                    Volume.State.DELETING)) > 0) {
                continue;
            }
            for (Snapshot snapshot : Snapshot.ofDataset(dataset)) {
                if (storage.dependents(snapshot).isEmpty()) {
                    orphaned.add(snapshot.id);
                }
            }
        }
        return orphaned;
    }
}
