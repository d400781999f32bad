package io.strata.masking.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The masking service: how many tables it masks at once, how it reaches databases, how much profiling samples, where
 * its keys live.
 */
@ConfigMapping(prefix = "strata.masking")
public interface MaskingConfig {

    /** Tables masked at once, and the workers that mask their rows; 0 means one per processor core. */
    @WithDefault("0")
    int threads();

    /** How long connecting to a database to mask may take. */
    @WithDefault("15s")
    Duration connectTimeout();

    /** The most rows profiling samples per table, unless a request says otherwise. */
    @WithDefault("1000")
    int profileSampleRows();

    /**
     * The directory of the masking keys, one sub-directory per domain, one file per version (mode 0600). Default:
     * {@code $STRATA_HOME/secrets/masking-keys}. The service makes a domain's first key and its next versions here.
     */
    Optional<String> keysDirectory();

    /**
     * A Kubernetes Secret of masking keys mounted as a directory: one entry per key id ({@code names-v1},
     * {@code names-v2}), 32 random bytes each, in base64. When set, the keys come from there and the service makes
     * none: the cluster's administrators add domains and versions to the Secret. {@link #keysDirectory} is then not
     * used.
     */
    Optional<String> keysSecretDirectory();

    /**
     * The superuser role of the sources' PostgreSQL clusters (the role that ran initdb): the user of the working
     * virtual databases the provisioning service makes for masked datasets and for profiling sources. Its password
     * there is the working virtual database's own, in the secret store; a masked snapshot is taken without it.
     */
    @WithDefault("postgres")
    String superuser();
}
