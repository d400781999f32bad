package io.strata.engine;

/**
 * How a source's staging copy runs in a Kubernetes pod on its staging volume, which the pod mounts at
 * {@link EnginePod#DATA_MOUNT} through a claim on the volume's NFS export. The pod's init container loads an empty
 * volume (the initial load that a host's staging does with {@link LinkedOperations#initialLoad}) and leaves a loaded
 * one as it is; the engine's command keeps the copy current in the foreground (what
 * {@link LinkedOperations#startStaging} does on a host). The commands run as the uid that owns the volume, with
 * {@code STRATA_SOURCE_PASSWORD} set from the source's credentials Secret. Syncs, status and snapshots then run the
 * plugin's {@link LinkedOperations} in the pod through exec, on a {@link Staging} whose data path is
 * {@link EnginePod#DATA_MOUNT}, whose work path is {@link EnginePod#RUN_MOUNT} (a pod-local directory, never
 * snapshotted) and whose repository is {@link #repository()}.
 *
 * @param engine the image, commands, port and readiness probe (its {@code flush} is not used: a sync prepares the
 *        snapshot)
 * @param repository the engine's installation inside the image
 */
public record StagingPod(EnginePod engine, Repository repository) {

    /** The environment variable holding the source's password in the pod. */
    public static final String PASSWORD_VARIABLE = "STRATA_SOURCE_PASSWORD";
}
