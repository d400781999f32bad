package io.strata.snapshot.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.snapshot.config.SnapshotConfig;
import io.strata.snapshot.pool.Pool;
import io.strata.snapshot.pool.PoolUsage;

/**
 * Keeps the pool from filling up: a database on a full pool crashes, so new volumes and clones are refused above
 * {@code strata.snapshot.capacity.refuse-above-percent} (85% by default), with a warning from
 * {@code warn-above-percent} (78%).
 */
@ApplicationScoped
public class CapacityGuard {

    /** HTTP 507 Insufficient Storage. */
    public static final int INSUFFICIENT_STORAGE = 507;

    @Inject
    Pool pool;

    @Inject
    SnapshotConfig config;

    private volatile boolean warned;

    /** Throws 507 when the pool is too full for a new volume or clone. */
    public void requireRoomForNewVolume() {
        PoolUsage usage = pool.usage();
        if (usage.usedPercent() > config.capacity().refuseAbovePercent()) {
            throw new ApiException(INSUFFICIENT_STORAGE, String.format(
                    "The pool is %.0f%% full (%s of %s used); new volumes and clones are refused above %d%% so that "
                            + "running databases do not run out of space. Delete virtual databases or snapshots "
                            + "you no longer need, or grow the pool.",
                    usage.usedPercent(), human(usage.used()), human(usage.capacity()),
                    config.capacity().refuseAbovePercent()), null);
        }
        String warning = warning(usage);
        if (warning != null && !warned) {
            Log.warn(warning);
        }
        warned = warning != null;
    }

    /** A warning for the space report when the pool is above the warning threshold, else {@code null}. */
    public String warning(PoolUsage usage) {
        if (usage.usedPercent() <= config.capacity().warnAbovePercent()) {
            return null;
        }
        return String.format("The pool is %.0f%% full (%s of %s); above %d%% new volumes and clones are refused.",
                usage.usedPercent(), human(usage.used()), human(usage.capacity()),
                config.capacity().refuseAbovePercent());
    }

    /** Bytes for people: {@code 1.5 GiB}. */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, units[unit]);
    }
}
