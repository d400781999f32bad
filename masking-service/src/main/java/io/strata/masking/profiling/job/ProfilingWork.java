package io.strata.masking.profiling.job;

import io.strata.masking.profiling.Inventory;

/**
 * What a profiling operation's steps gather.
 *
 * @param vdbId the virtual database profiled, {@code null} for a source snapshot
 * @param inventory what profiling found, once it is done
 * @param sourceSnapshot the source snapshot profiled through a temporary clone, {@code null} for a virtual database
 * @param volumeId the temporary clone's volume
 * @param clonePath where the temporary clone is on this host, once made
 */
public record ProfilingWork(String vdbId, Inventory inventory, String sourceSnapshot, String volumeId,
        String clonePath) {

    /** The work of profiling a virtual database. */
    public static ProfilingWork ofVdb(String vdbId) {
        return new ProfilingWork(vdbId, null, null, null, null);
    }

    /** The work of profiling a source snapshot through a temporary clone in a new volume. */
    public static ProfilingWork ofSnapshot(String sourceSnapshot, String volumeId) {
        return new ProfilingWork(null, null, sourceSnapshot, volumeId, null);
    }

    /** The same work with the clone made. */
    public ProfilingWork withClone(String path) {
        return new ProfilingWork(vdbId, inventory, sourceSnapshot, volumeId, path);
    }

    /** The same work with what was found. */
    public ProfilingWork withInventory(Inventory found) {
        return new ProfilingWork(vdbId, found, sourceSnapshot, volumeId, clonePath);
    }
}
