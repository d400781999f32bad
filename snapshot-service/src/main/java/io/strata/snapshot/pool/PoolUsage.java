package io.strata.snapshot.pool;

/**
 * How full the pool is.
 *
 * @param capacity bytes the pool can hold
 * @param used bytes in use
 * @param free bytes still available
 */
public record PoolUsage(long capacity, long used, long free) {

    /** Used ÷ capacity in percent. */
    public double usedPercent() {
        return capacity == 0 ? 0 : 100.0 * used / capacity;
    }
}
