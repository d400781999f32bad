package io.strata.provisioning.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provisioning service: ports and directories of virtual databases, how often they are watched, and how volumes
 * reach Kubernetes.
 */
@ConfigMapping(prefix = "strata.provisioning")
public interface ProvisioningConfig {

    /** Ports virtual databases get when a request names none, as {@code first-last}. */
    @WithDefault("15000-15399")
    String ports();

    /**
     * The directory on each target for every virtual database's own files (socket, log, pg_hba.conf), never
     * snapshotted. Default: {@code $STRATA_HOME/provisioning/vdbs}.
     */
    Optional<String> workRoot();

    /** The host name users connect to for virtual databases on this host. */
    @WithDefault("127.0.0.1")
    String localAddress();

    /** How often running virtual databases are checked; one whose engine died is marked FAILED. */
    @WithDefault("5s")
    Duration monitorInterval();

    /** Volumes attached to Kubernetes, and virtual databases in pods. */
    Kubernetes kubernetes();

    /** How volumes reach Kubernetes: a PersistentVolume on the volume's NFS export, and its claim. */
    interface Kubernetes {

        /**
         * The addresses allowed to mount the exports (the nodes whose kubelets mount them). Default: every node's
         * InternalIP address, read from the API server.
         */
        Optional<List<String>> nfsClients();

        /** The capacity written on the PersistentVolume and claim (NFS does not enforce it; the pool's guard does). */
        @WithDefault("1Ti")
        String volumeCapacity();

        /**
         * The uid (and gid) the engine of a virtual database in a pod runs as: the owner of the clone's files. Default:
         * the owner of the clone's directory on this host, which sees the pool; set it where the service does not.
         */
        Optional<Long> runAsUser();

        /**
         * Put before an engine's image name (e.g. {@code registry.example.com/mirror/} gives
         * {@code registry.example.com/mirror/postgres:15}), for clusters that pull from a registry of their own.
         */
        Optional<String> imageRegistry();
    }
}
