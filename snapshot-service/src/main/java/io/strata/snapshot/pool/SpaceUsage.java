package io.strata.snapshot.pool;

/**
 * Space of one volume or snapshot.
 *
 * @param referenced bytes of data it shows (its logical size)
 * @param exclusive bytes only it holds (what deleting it frees)
 */
public record SpaceUsage(long referenced, long exclusive) {
}
