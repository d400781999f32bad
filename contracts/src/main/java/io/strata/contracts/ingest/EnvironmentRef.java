package io.strata.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How to reach an environment, as carried in events: everything but the credentials, which stay in the secret
 * store under {@code secretRef}.
 *
 * @param id the environment's id
 * @param kind {@code local}, {@code ssh} or {@code kubernetes}
 * @param host its host name or address ({@code null} for local)
 * @param port its SSH port
 * @param user the login user
 * @param hostKey the pinned SSH host key ({@code ssh-ed25519 AAAA...})
 * @param secretRef the secret store entry holding its private key or password
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentRef(String id, String kind, String host, int port, String user, String hostKey,
        String secretRef) {
}
