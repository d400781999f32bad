package io.strata.contracts.ingest;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An environment as the API shows it; credentials are never shown, only their kind.
 *
 * @param id its id
 * @param name its name
 * @param kind {@code local}, {@code ssh} or {@code kubernetes}
 * @param host its host
 * @param port its SSH port
 * @param user its login user
 * @param hostKey the pinned host key
 * @param credential {@code privateKey}, {@code password} or {@code null}
 * @param createdAt when it was registered
 * @param namespace for {@code kubernetes}: the pod's namespace
 * @param pod for {@code kubernetes}: the pod
 * @param container for {@code kubernetes}: the container
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentView(String id, String name, String kind, String host, Integer port, String user,
        String hostKey, String credential, Instant createdAt, String namespace, String pod, String container) {

    /**
     * A discovered engine installation ({@code GET /environments/{id}/repositories}).
     *
     * @param id its id
     * @param engine the plugin
     * @param name e.g. {@code PostgreSQL 15.18}
     * @param version the version
     * @param binDir where its programs are
     * @param properties what the plugin found
     * @param discoveredAt when
     */
    public record RepositoryView(String id, String engine, String name, String version, String binDir,
            Map<String, String> properties, Instant discoveredAt) {
    }

    /**
     * A discovered database ({@code GET /environments/{id}/source-configs}).
     *
     * @param id its id
     * @param repository the repository it was found through
     * @param engine the plugin
     * @param name the database's name
     * @param properties size, encoding, owner...
     */
    public record SourceConfigView(String id, String repository, String engine, String name,
            Map<String, Object> properties) {
    }
}
