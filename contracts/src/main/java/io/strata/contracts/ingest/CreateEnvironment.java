package io.strata.contracts.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /api/v1/environments}. The annotations are the checks that need nothing but the request; which fields
 * a kind requires, the credentials and the host key are checked by the ingest service.
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
public record CreateEnvironment(
        @NotNull(message = NAME) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}", message = NAME) String name,
        @NotNull(message = "is required: ssh or kubernetes") @Pattern(regexp = "ssh|kubernetes|local", message = KIND) String kind,
        @Size(max = 253, message = "must be a host name or address of at most 253 characters") String host,
        @Min(value = 1, message = PORT) @Max(value = 65535, message = PORT) Integer port,
        String user,
        Credentials credentials,
        String hostKey,
        Boolean pinHostKey,
        @Pattern(regexp = KUBERNETES_NAME, message = KUBERNETES) String namespace,
        @Pattern(regexp = KUBERNETES_NAME, message = KUBERNETES) String pod,
        String container) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {name, kind: ssh, host, port, user, "
            + "credentials: {privateKey | password}, hostKey} or {name, kind: kubernetes, namespace, pod, container}";

    private static final String NAME = "is required: 1 to 63 letters, digits, '_', '.' or '-', starting with a letter "
            + "or digit";
    // local passes here so that the service can answer it with a conflict: the one local environment exists.
    private static final String KIND = "must be ssh or kubernetes (local exists already)";
    private static final String PORT = "must be between 1 and 65535";
    private static final String KUBERNETES_NAME = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";
    private static final String KUBERNETES = "must be a Kubernetes name (lower-case letters, digits, '-' and '.')";

    /**
     * Surrounding spaces are not part of a name, and a blank namespace is none (the default): both were accepted so
     * before the fields were checked here, and still are.
     */
    public CreateEnvironment {
        name = stripped(name);
        kind = stripped(kind);
        namespace = stripped(namespace);
        pod = stripped(pod);
    }

    /** An SSH environment. */
    public CreateEnvironment(String name, String kind, String host, Integer port, String user,
            Credentials credentials, String hostKey, Boolean pinHostKey) {
        this(name, kind, host, port, user, credentials, hostKey, pinHostKey, null, null, null);
    }

    private static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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
