package io.strata.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /api/v1/environments}.
 *
 * @param name a unique name
 * @param kind {@code ssh} or {@code kubernetes} ({@code local} exists already)
 * @param host the SSH host
 * @param port its SSH port (default 22)
 * @param user the login user
 * @param credentials a private key or a password
 * @param hostKey the server's public host key ({@code ssh-ed25519 AAAA...}, from ssh-keyscan or
 *        /etc/ssh/ssh_host_ed25519_key.pub); required unless {@code pinHostKey}
 * @param pinHostKey trust the key the server presents on first contact and pin it (only when you cannot get the key
 *        another way)
 * @param namespace for {@code kubernetes}: the namespace of the pod (default {@code default})
 * @param pod for {@code kubernetes}: the pod to execute commands in, reached with the service's own Kubernetes
 *        credentials (in-cluster service account or kubeconfig)
 * @param container for {@code kubernetes}: the container in the pod (default: its first container)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateEnvironment(String name, String kind, String host, Integer port, String user,
        Credentials credentials, String hostKey, Boolean pinHostKey, String namespace, String pod,
        String container) {

    /** An SSH environment. */
    public CreateEnvironment(String name, String kind, String host, Integer port, String user,
            Credentials credentials, String hostKey, Boolean pinHostKey) {
        this(name, kind, host, port, user, credentials, hostKey, pinHostKey, null, null, null);
    }

    /**
     * @param privateKey an OpenSSH or PEM private key without passphrase
     * @param password a password
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credentials(String privateKey, String password) {

        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }
}
