package io.strata.snapshot.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The snapshot service: its pool, the capacity guard, NFS exports and retention. */
@ConfigMapping(prefix = "strata.snapshot")
public interface SnapshotConfig {

    /** The copy-on-write pool. */
    Pool pool();

    /** When to warn and when to refuse new volumes. */
    Capacity capacity();

    /** NFS exports through NFS-Ganesha. */
    Nfs nfs();

    /** Retention and space accounting schedules. */
    Schedules schedules();

    /** The pool. */
    interface Pool {

        /**
         * {@code btrfs}, {@code zfs}, {@code copy}, or {@code auto}: btrfs when running as root with btrfs-progs
         * installed, else copy.
         */
        @WithDefault("auto")
        String driver();

        /**
         * Where the pool is mounted (btrfs), or the directory that holds it (copy). Default:
         * {@code $STRATA_HOME/pool}. An existing btrfs mount there is used as is.
         */
        Optional<String> path();

        /**
         * For btrfs without a configured mount: the sparse file that holds the filesystem, created and loop-mounted
         * on first start. Default: {@code $STRATA_HOME/pool.img}.
         */
        Optional<String> image();

        /** Size of the sparse pool file when it is created. */
        @WithDefault("50G")
        MemorySize size();

        /** For zfs: the dataset under which Strata keeps its volumes, e.g. {@code tank/strata}. */
        @WithDefault("strata")
        String zfsDataset();
    }

    /** A database on a full pool crashes; Strata stops handing out space well before that. */
    interface Capacity {

        /** Above this share of the pool used, new volumes and clones are refused (507). */
        @WithDefault("85")
        int refuseAbovePercent();

        /** Above this share, the space report and the log warn. */
        @WithDefault("78")
        int warnAbovePercent();
    }

    /** NFS exports. */
    interface Nfs {

        /** Whether volumes can be exported (needs nfs-ganesha and nfs-ganesha-vfs). */
        @WithDefault("true")
        boolean enabled();

        /** The address NFS-Ganesha listens on. */
        @WithDefault("127.0.0.1")
        String bindAddress();

        /** The address clients are told to mount from; defaults to the bind address. */
        Optional<String> advertisedAddress();

        /** The NFSv4 port. */
        @WithDefault("12049")
        int port();

        /** The clients an export allows when a request names none. */
        @WithDefault("127.0.0.1")
        List<String> defaultClients();

        /** The ganesha.nfsd program. */
        @WithDefault("ganesha.nfsd")
        String program();
    }

    /** Background work. */
    interface Schedules {

        /** How often retention policies are applied. */
        @WithDefault("60s")
        Duration retention();

        /** How often per-volume and per-snapshot space figures are refreshed. */
        @WithDefault("30s")
        Duration space();
    }
}
