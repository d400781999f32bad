package io.strata.engine;

/**
 * Keeping a staging copy of a source and preparing each snapshot of it (Delphix: linked operations). The service
 * calls them in this order: {@link #validateSource} before anything is created; {@link #initialLoad} into an empty
 * staging volume (link and resync); {@link #startStaging}; then for every sync {@link #preSnapshot}, the snapshot,
 * {@link #postSnapshot}; {@link #stopStaging} to disable; {@link #unlink} when the source is deleted.
 */
public interface LinkedOperations {

    /**
     * Checks the source before anything is created (reachable, privileges, settings, versions); throws what to fix.
     * {@code staging.dataPath()} is not known yet.
     */
    void validateSource(LinkedSource source, Staging staging);

    /** Fills the empty staging volume with a full copy of the source. */
    void initialLoad(LinkedSource source, Staging staging, ProgressListener progress);

    /** Starts whatever keeps the staging copy current (a standby, say); a no-op for copies made at each sync. */
    void startStaging(LinkedSource source, Staging staging);

    /** Stops it; the staging volume stays as it is. */
    void stopStaging(LinkedSource source, Staging staging);

    /** The staging copy's state. */
    StagingStatus status(LinkedSource source, Staging staging);

    /**
     * Brings the staging copy to a consistent point that starts fast when cloned, and says where it stands; the
     * snapshot is taken right after. For the files plugin this is the copy itself.
     */
    SnapshotPoint preSnapshot(LinkedSource source, Staging staging, ProgressListener progress);

    /** Runs after the snapshot (resumes what {@link #preSnapshot} paused). */
    void postSnapshot(LinkedSource source, Staging staging, SnapshotPoint point);

    /** Removes what linking left on the source host (a replication slot); runs when the source is deleted. */
    void unlink(LinkedSource source, Staging staging);

    /**
     * The source's secrets changed (a rotated password, given in {@code source.secrets()}): checks that the source
     * accepts them and updates what the staging copy keeps of them, so that it goes on following the source. Called
     * before the new secrets replace the old ones, which stay if this throws. {@code staging} is the staging host, or
     * for a source staged in a pod this service's own host with a client installation and no data path: then only
     * the check runs, and the pod reads the new secret where the service keeps it for the pod.
     *
     * @throws UserError when the source refuses them, saying what to fix
     */
    default void credentialsChanged(LinkedSource source, Staging staging) {
        throw new UserError("The " + getClass().getSimpleName() + " engine cannot change a linked source's "
                + "credentials.", "Delete the source and link it again with the new ones.");
    }

    /**
     * Removes the files of the source's kept log (its {@code logSync}) before {@code firstNeeded}: the
     * {@link SnapshotMetadata#LOG_FROM} of the oldest snapshot the source still has, so that no snapshot left needs
     * them. Called after snapshots were deleted; does nothing when the engine keeps no log or the staging copy cannot be
     * reached now (the next call removes them).
     */
    default void trimLog(LinkedSource source, Staging staging, String firstNeeded) {
    }

    /**
     * How the staging copy runs in a Kubernetes pod instead of on a staging host, or {@code null} when the engine
     * cannot (and the source's staging must be a host). Called once when the source is linked, after
     * {@link #validateSource}; {@code client} is the service's own host, with a client installation to ask the source
     * what the pod needs (its version, the settings a copy must match).
     *
     * @throws UserError when the source cannot be staged in a pod, saying why
     */
    default StagingPod stagingPod(LinkedSource source, Staging client) {
        return null;
    }
}
