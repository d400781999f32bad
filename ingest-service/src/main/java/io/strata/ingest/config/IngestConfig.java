package io.strata.ingest.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ingest service: where staging copies run. */
@ConfigMapping(prefix = "strata.ingest")
public interface IngestConfig {

    /** Staging copies. */
    Staging staging();

    /** Staging copies of sources. */
    interface Staging {

        /** Ports staging engines (standbys) may listen on, as {@code first-last}. */
        @WithDefault("15400-15999")
        String ports();

        /**
         * The directory on the staging host for each source's own files (logs, password file, socket), never
         * snapshotted. Default: {@code $STRATA_HOME/ingest/staging}.
         */
        Optional<String> workRoot();

        /** Staging copies that run in Kubernetes pods. */
        Pods pods();
    }

    /** Staging copies in Kubernetes pods (a source linked with {@code staging: {kubernetes: {namespace}}}). */
    interface Pods {

        /**
         * The uid a staging pod runs as, and that its init container gives the new staging volume to: the engine
         * image's own user (999 is {@code postgres} in the official PostgreSQL images).
         */
        @WithDefault("999")
        long runAsUser();

        /** How long a link or resync waits for the staging pod to be ready (its init container loads the copy). */
        @WithDefault("PT30M")
        Duration readyTimeout();

        /**
         * Where this service's own client programs are (for PostgreSQL {@code psql}), with which it checks a source
         * and removes what linking left on it when the staging copy runs in a pod.
         */
        @WithDefault("/usr/bin")
        String clientBinDir();
    }
}
