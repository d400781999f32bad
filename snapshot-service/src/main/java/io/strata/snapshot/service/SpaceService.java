package io.strata.snapshot.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.strata.common.errors.Errors;
import io.strata.contracts.storage.StorageView;
import io.strata.snapshot.domain.Snapshot;
import io.strata.snapshot.domain.Volume;
import io.strata.snapshot.pool.Pool;
import io.strata.snapshot.pool.PoolUsage;
import io.strata.snapshot.pool.SpaceUsage;

/**
 * Space accounting: refreshes each volume's and snapshot's logical and unique bytes from the pool (btrfs qgroups,
 * zfs properties, du) on a schedule and before a space report, and builds the report.
 */
@ApplicationScoped
public class SpaceService {

    private static final Duration FRESH_ENOUGH = Duration.ofSeconds(5);

    @Inject
    Pool pool;

    @Inject
    CapacityGuard capacity;

    private volatile Instant refreshedAt = Instant.EPOCH;

    @Scheduled(every = "${strata.snapshot.schedules.space:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        if (!pool.isOpen()) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            Log.warnf("Could not refresh space figures: %s", Errors.rootMessage(e));
        }
    }

    /** Reads the pool's figures into the volume and snapshot rows. */
    @Transactional
    public synchronized void refresh() {
        Map<String, SpaceUsage> space = pool.driver().space();
        for (Volume volume : Volume.live()) {
            SpaceUsage usage = space.get(volume.id);
            if (usage != null) {
                volume.logicalSize = usage.referenced();
                volume.uniqueSize = usage.exclusive() < 0 ? null : usage.exclusive();
            }
        }
        for (Snapshot snapshot : Snapshot.<Snapshot>list("state", Snapshot.State.READY)) {
            SpaceUsage usage = space.get(snapshot.id);
            if (usage != null) {
                snapshot.logicalSize = usage.referenced();
                snapshot.uniqueSize = usage.exclusive() < 0 ? null : usage.exclusive();
            }
        }
        refreshedAt = Instant.now();
    }

    /** The space report of {@code GET /storage}, with figures at most a few seconds old. */
    @Transactional
    public StorageView report() {
        if (Instant.now().isAfter(refreshedAt.plus(FRESH_ENOUGH))) {
            refresh();
        }
        PoolUsage usage = pool.usage();
        Map<String, long[]> perDataset = new LinkedHashMap<>();
        long provisioned = 0;
        long exclusiveTotal = 0;
        for (Volume volume : Volume.live()) {
            long logical = nz(volume.logicalSize);
            long unique = nz(volume.uniqueSize);
            long[] figures = perDataset.computeIfAbsent(volume.dataset, k -> new long[5]);
            figures[0] += logical;
            figures[1] += unique;
            figures[2] += Math.max(0, logical - unique);
            figures[3]++;
            provisioned += logical;
            exclusiveTotal += unique;
        }
        for (Snapshot snapshot : Snapshot.<Snapshot>list("state", Snapshot.State.READY)) {
            long[] figures = perDataset.computeIfAbsent(snapshot.dataset, k -> new long[5]);
            figures[1] += nz(snapshot.uniqueSize);
            figures[4]++;
            exclusiveTotal += nz(snapshot.uniqueSize);
        }
        List<StorageView.DatasetSpace> datasets = new ArrayList<>();
        perDataset.forEach((id, f) -> datasets.add(new StorageView.DatasetSpace(id, f[0], f[1], f[2], (int) f[3],
                (int) f[4])));
        // On btrfs and zfs the pool holds only Strata's data, so "used" is what everything really costs. A copy pool
        // shares its filesystem with other files; without reflinks every copy is its own, so count them.
        long actuallyUsed = pool.driver().thinClones() && !"copy".equals(pool.driver().name())
                ? usage.used()
                : Math.max(exclusiveTotal, 1);
        double ratio = actuallyUsed == 0 ? 0 : Math.round(100.0 * provisioned / actuallyUsed) / 100.0;
        return new StorageView(pool.driver().name(), pool.driver().thinClones(), usage.capacity(), usage.used(),
                usage.free(), Math.round(usage.usedPercent() * 10) / 10.0, capacity.warning(usage), datasets,
                provisioned, ratio);
    }

    private static long nz(Long value) {
        return value == null ? 0 : value;
    }
}
