package io.strata.masking.profiling.job;

import io.strata.contracts.provisioning.VdbView;
import io.strata.masking.profiling.Inventory;

/**
 * What a profiling operation's steps gather.
 *
 * @param vdbId the virtual database profiled, {@code null} for a source snapshot
 * @param inventory what profiling found, once it is done
 * @param sourceSnapshot the source snapshot profiled through a temporary working copy, {@code null} for a virtual
 *        database
 * @param workingVdb the temporary working virtual database the provisioning service makes of the source snapshot
 * @param volumeId its clone's volume
 * @param connection how to reach the working virtual database, once it runs
 */
public record ProfilingWork(String vdbId, Inventory inventory, String sourceSnapshot, String workingVdb,
        String volumeId, VdbView.Connection connection) {

    /** The work of profiling a virtual database. */
    public static ProfilingWork ofVdb(String vdbId) {
        return new ProfilingWork(vdbId, null, null, null, null, null);
    }

    /** The work of profiling a source snapshot through a temporary working virtual database. */
    public static ProfilingWork ofSnapshot(String sourceSnapshot, String workingVdb, String volumeId) {
        return new ProfilingWork(null, null, sourceSnapshot, workingVdb, volumeId, null);
    }

    /** The same work with the working virtual database running. */
    public ProfilingWork withConnection(VdbView.Connection running) {
        return new ProfilingWork(vdbId, inventory, sourceSnapshot, workingVdb, volumeId, running);
    }

    /** The same work with what was found. */
    public ProfilingWork withInventory(Inventory found) {
        return new ProfilingWork(vdbId, found, sourceSnapshot, workingVdb, volumeId, connection);
    }
}
