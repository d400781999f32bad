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
 * @param namespace for {@code kubernetes}: the pod's namespace
 * @param pod for {@code kubernetes}: the pod commands are executed in
 * @param container for {@code kubernetes}: the container in that pod
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentRef(String id, EnvironmentKind kind, String host, int port, String user, String hostKey,
        String secretRef, String namespace, String pod, String container) {

    /** A local or SSH environment. */
    public EnvironmentRef(String id, EnvironmentKind kind, String host, int port, String user, String hostKey,
            String secretRef) {
        this(id, kind, host, port, user, hostKey, secretRef, null, null, null);
    }
}
