package io.strata.engine;

import java.util.List;

/**
 * How an engine runs in a Kubernetes pod on its clone, which the pod mounts at {@link #DATA_MOUNT} through a claim on
 * the clone's NFS export: the image; the command of an init container that makes the clone a database of its own each
 * time the pod starts (what {@link VirtualOperations#configure} and {@link VirtualOperations#start} do on a host); the
 * engine's own command in the foreground; its port; the command the kubelet runs to know it is ready; and the command
 * that makes its commits durable on the clone before a snapshot. The commands run in the image's shell environment
 * with {@code STRATA_USER} and {@code STRATA_PASSWORD} set from the virtual database's Secret, as the uid that owns the
 * clone's files.
 *
 * @param image the container image, e.g. {@code postgres:15}
 * @param init the init container's command
 * @param command the engine's command
 * @param port the port the engine listens on in the pod
 * @param readiness the readiness probe's command
 * @param flush the command run in the pod (exec) before a snapshot
 */
public record EnginePod(String image, List<String> init, List<String> command, int port, List<String> readiness,
        List<String> flush) {

    /** Where the clone is mounted in the pod. */
    public static final String DATA_MOUNT = "/var/lib/strata/data";

    /** A pod-local, empty directory for the engine's files that stay outside the clone (access rules, socket). */
    public static final String RUN_MOUNT = "/var/lib/strata/run";

    public EnginePod {
        init = List.copyOf(init);
        command = List.copyOf(command);
        readiness = List.copyOf(readiness);
        flush = List.copyOf(flush);
    }
}
