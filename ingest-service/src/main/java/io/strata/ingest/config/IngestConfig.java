package io.strata.ingest.config;

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
    }
}
