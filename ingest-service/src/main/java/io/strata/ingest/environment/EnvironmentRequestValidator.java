package io.strata.ingest.environment;

import java.util.Map;

import io.strata.common.errors.ApiException;
import io.strata.contracts.ingest.CreateEnvironment;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.hosts.HostConnections;
import io.strata.hosts.HostKeys;

/**
 * The checks of a {@code POST /environments} request that depend on another field, so that its annotations cannot
 * make them: the fields its kind requires, the one credential, the host key, the namespace's default, and the
 * {@code local} kind (a 409: it exists already). Each refusal is a 400 naming the field. The request's annotations
 * (names, the kind's spelling, the port's range) are checked before this, at the resource; {@link EnvironmentService}
 * checks the name's uniqueness and reaches the host only after these pass.
 */
final class EnvironmentRequestValidator {

    private EnvironmentRequestValidator() {
    }

    /**
     * An SSH environment's request that passed every check.
     *
     * @param host the host name or address
     * @param port the SSH port
     * @param user the login user
     * @param credential which credential was given: {@link HostConnections#PRIVATE_KEY} or
     *        {@link HostConnections#PASSWORD}
     * @param secret that credential, keyed by its kind, for the secret store
     * @param hostKey the host key in canonical form, or {@code null} to pin the key the host presents
     */
    record SshTarget(String host, int port, String user, String credential, Map<String, String> secret,
            String hostKey) {

        /** The secret must never reach a log line through this record. */
        @Override
        public String toString() {
            return "SshTarget[" + user + "@" + host + ":" + port + ", " + credential + "]";
        }
    }

    /**
     * A Kubernetes environment's request that passed every check.
     *
     * @param namespace the pod's namespace
     * @param pod the pod to run commands in
     * @param container the container, or {@code null} for the pod's first
     */
    record KubernetesTarget(String namespace, String pod, String container) {
    }

    /**
     * The kind: {@code ssh} or {@code kubernetes} (the annotations let no other through); the one {@code local}
     * environment is never created by request.
     */
    static EnvironmentKind kind(CreateEnvironment request) {
        EnvironmentKind kind = EnvironmentKind.of(request.kind());
        if (kind == EnvironmentKind.LOCAL) {
            throw ApiException.conflict("The local environment exists already (id local); there is only one.");
        }
        return kind;
    }

    /** The checked fields of an SSH environment, in the order a user fills them in. */
    static SshTarget ssh(CreateEnvironment request) {
        String host = required(request.host(), "host", "the SSH host name or address");
        int port = request.port() == null ? 22 : request.port();
        String user = required(request.user(), "user", "the login user");
        Map.Entry<String, String> credential = credential(request.credentials());
        String hostKey = hostKey(request, host);
        return new SshTarget(host, port, user, credential.getKey(), Map.ofEntries(credential), hostKey);
    }

    /** The checked fields of a Kubernetes environment. */
    static KubernetesTarget kubernetes(CreateEnvironment request) {
        String pod = required(request.pod(), "pod", "the name of the pod to run commands in");
        String namespace = request.namespace() == null ? "default" : request.namespace();
        if (request.credentials() != null || request.hostKey() != null) {
            throw ApiException.badRequest("credentials", "A kubernetes environment takes no credentials or host "
                    + "key: Strata uses its own Kubernetes account (service account or kubeconfig).");
        }
        return new KubernetesTarget(namespace, pod, request.container());
    }

    /** Exactly one credential, as its kind and value: with both, which one the host would be asked for is unclear. */
    static Map.Entry<String, String> credential(CreateEnvironment.Credentials credentials) {
        boolean hasKey = credentials != null && credentials.privateKey() != null && !credentials.privateKey()
                .isBlank();
        boolean hasPassword = credentials != null && credentials.password() != null && !credentials.password()
                .isEmpty();
        if (hasKey == hasPassword) {
            throw ApiException.badRequest("credentials", "Give exactly one of credentials.privateKey and "
                    + "credentials.password.");
        }
        return hasKey
                ? Map.entry(HostConnections.PRIVATE_KEY, credentials.privateKey())
                : Map.entry(HostConnections.PASSWORD, credentials.password());
    }

    /**
     * The given host key in canonical form, or {@code null} when none is given and the user asked to pin the key the
     * host presents; without either, the connection could not be trusted, so the request is refused.
     */
    private static String hostKey(CreateEnvironment request, String host) {
        if (request.hostKey() != null && !request.hostKey().isBlank()) {
            try {
                return HostKeys.parse(request.hostKey()).line();
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("hostKey", e.getMessage() + ".");
            }
        }
        if (!Boolean.TRUE.equals(request.pinHostKey())) {
            throw ApiException.badRequest("hostKey", "hostKey is required: the server's public host key, e.g. the "
                    + "output of 'ssh-keyscan -t ed25519 " + host + "' or the content of "
                    + "/etc/ssh/ssh_host_ed25519_key.pub on the host. To trust whatever key it presents on first "
                    + "contact instead, set pinHostKey: true.");
        }
        return null;
    }

    private static String required(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, field + " is required: " + what + ".");
        }
        return value.strip();
    }
}
