package io.strata.ingest.source;

import java.nio.file.Path;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.strata.common.config.StrataServiceConfig;
import io.strata.common.secrets.SecretStore;
import io.strata.engine.EnginePlugin;
import io.strata.engine.EnginePod;
import io.strata.engine.LinkedSource;
import io.strata.engine.Repository;
import io.strata.engine.Staging;
import io.strata.hosts.HostConnections;
import io.strata.ingest.config.IngestConfig;
import io.strata.ingest.engine.Engines;
import io.strata.ingest.environment.DiscoveredRepository;
import io.strata.ingest.environment.Environment;
import io.strata.ingest.environment.EnvironmentService;

/** Builds what a plugin sees of a source ({@link LinkedSource}) and of its staging copy ({@link Staging}). */
@ApplicationScoped
public class SourceContexts {

    @Inject
    EnvironmentService environments;

    @Inject
    SecretStore secrets;

    @Inject
    Engines engines;

    @Inject
    IngestConfig config;

    @Inject
    StagingPods pods;

    @Inject
    HostConnections hosts;

    @Inject
    StrataServiceConfig service;

    /** The source's plugin. */
    public EnginePlugin plugin(Source source) {
        return engines.require(source.engine);
    }

    /** The source as its plugin sees it, secrets included. */
    @Transactional
    public LinkedSource linked(Source source) {
        return new LinkedSource(source.id, source.name, source.parameters, source.secretRef == null
                ? Map.of()
                : secrets.get(source.secretRef),
                environments.connect(environments.require(
                        source.environmentId)));
    }

    /** The staging copy at {@code dataPath} (the source's, or a resync's new volume). */
    @Transactional
    public Staging staging(Source source, String dataPath) {
        if (source.stagingNamespace != null) {
            return new Staging(pods.exec(source), EnginePod.DATA_MOUNT, EnginePod.RUN_MOUNT, source.stagingPod
                    .engine().port(), source.stagingPod.repository());
        }
        Environment staging = environments.require(source.stagingEnvironmentId);
        Repository repository = null;
        if (source.repositoryId != null) {
            DiscoveredRepository row = DiscoveredRepository.findById(source.repositoryId);
            repository = row == null ? null : environments.toRepository(row);
        }
        return new Staging(environments.connect(staging), dataPath, source.workPath, source.stagingPort == null
                ? 0
                : source.stagingPort, repository);
    }

    /**
     * This service's own host, with its client programs, as a staging host for a plugin's queries to the source: to
     * check a source whose staging copy runs in a pod, describe that pod, and remove what linking left on the source.
     */
    public Staging client(Source source) {
        return new Staging(hosts.local(), null, source.workPath, 0, new Repository(source.engine, "the client "
                + "programs in " + config.staging().pods().clientBinDir(), null,
                config.staging().pods()
                        .clientBinDir(),
                Map.of()));
    }

    /** Where a source's own files live on the staging host. */
    public String workPath(String sourceId) {
        return config.staging().workRoot().orElse(Path.of(service.home(), "ingest", "staging").toString()) + "/"
                + sourceId;
    }
}
