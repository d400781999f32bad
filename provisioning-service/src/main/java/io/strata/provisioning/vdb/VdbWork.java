package io.strata.provisioning.vdb;

import java.time.Instant;

/**
 * What a virtual database's operation gathers on its way, kept with its step so that a restart continues with it.
 *
 * @param snapshotId the snapshot the new clone is made from, or the snapshot being taken
 * @param volumeId the new clone's volume (or, for a snapshot, the current one)
 * @param clonePath the new clone's path on the storage node, once made
 * @param path the new clone's path on the target, once there
 * @param recoveryTime the moment to recover to, if any
 * @param released for a delete: whether the clone was given back already
 * @param engineLeft after a failure: whether an engine the operation started could not be stopped (its clone is
 *        then kept, never given back under a running engine)
 * @param restored after a failed refresh or rewind: whether the engine runs again on the previous clone
 */
public record VdbWork(String snapshotId, String volumeId, String clonePath, String path, Instant recoveryTime,
        boolean released, boolean engineLeft, boolean restored) {

    /** A new clone of {@code snapshotId} (provision, refresh, rewind), optionally recovered to a moment. */
    static VdbWork clone(String snapshotId, String volumeId, Instant recoveryTime) {
        return new VdbWork(snapshotId, volumeId, null, null, recoveryTime, false, false, false);
    }

    /** A snapshot {@code snapshotId} of the clone {@code volumeId}. */
    static VdbWork snapshot(String snapshotId, String volumeId) {
        return new VdbWork(snapshotId, volumeId, null, null, null, false, false, false);
    }

    /** An operation on the engine only (start, stop, delete). */
    static VdbWork engine(boolean released) {
        return new VdbWork(null, null, null, null, null, released, false, false);
    }

    VdbWork withClone(String newClonePath, String newPath) {
        return new VdbWork(snapshotId, volumeId, newClonePath, newPath, recoveryTime, released, engineLeft,
                restored);
    }

    VdbWork withPath(String newPath) {
        return new VdbWork(snapshotId, volumeId, clonePath, newPath, recoveryTime, released, engineLeft, restored);
    }

    VdbWork afterUndo(boolean newEngineLeft, boolean newRestored) {
        return new VdbWork(snapshotId, volumeId, clonePath, path, recoveryTime, released, newEngineLeft,
                newRestored);
    }
}
