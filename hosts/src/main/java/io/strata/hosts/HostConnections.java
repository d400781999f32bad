package io.strata.hosts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.engine.HostConnection;

/**
 * Makes a {@link HostConnection} for an environment: this host, an SSH host with the credentials from the secret
 * store and the pinned host key, or a Kubernetes pod reached with the service's own Kubernetes client. SSH connections are cached per environment and key.
 */
@ApplicationScoped
public class HostConnections {

    /** Secret keys in an environment's secret. */
    public static final String PRIVATE_KEY = "privateKey";
    public static final String PASSWORD = "password";

    @Inject
    SecretStore secrets;

    @Inject
    StrataServiceConfig config;

    /** Made on first use: most installations never talk to Kubernetes. */
    @Inject
    Instance<KubernetesClient> kubernetes;

    @ConfigProperty(name = "strata.hosts.ssh-connect-timeout", defaultValue = "10s")
    Duration connectTimeout;

    private final LocalHost local = new LocalHost();
    private final Map<String, SshHost> ssh = new ConcurrentHashMap<>();

    /** This host. */
    public HostConnection local() {
        return local;
    }

    /** A connection to the environment. */
    public HostConnection connect(EnvironmentRef environment) {
        return switch (environment.kind()) {
            case LOCAL -> local;
            case SSH -> ssh.computeIfAbsent(environment.id() + "|" + environment.hostKey(), key -> sshHost(
                    environment, secrets.get(environment.secretRef()), environment.hostKey()));
            case KUBERNETES -> new KubernetesPod(kubernetes.get(), environment.namespace(), environment.pod(),
                    environment.container(), environment.user());
        };
    }

    /**
     * Checks a pod that is not registered yet: it exists, runs, has the container and accepts exec; returns the
     * connection (its container resolved and its user known).
     */
    public KubernetesPod probeKubernetes(String namespace, String pod, String container) {
        return KubernetesPod.probe(kubernetes.get(), namespace, pod, container);
    }

    /**
     * Connects to an SSH host that is not registered yet, to check the credentials and the host key before it is;
     * returns the connection (whose {@link SshHost#presentedKey()} is the key to pin).
     */
    public SshHost probe(String id, String host, int port, String user, Map<String, String> credentials,
            String hostKey) {
        SshHost candidate = sshHost(new EnvironmentRef(id, EnvironmentKind.SSH, host, port, user, hostKey, null),
                credentials,
                hostKey);
        try {
            candidate.verify();
            return candidate;
        } finally {
            candidate.close();
        }
    }

    /** Forgets a cached connection (the environment was deleted or changed). */
    public void forget(String environmentId) {
        ssh.keySet().removeIf(key -> {
            boolean match = key.startsWith(environmentId + "|");
            if (match) {
                ssh.get(key).close();
            }
            return match;
        });
    }

    private SshHost sshHost(EnvironmentRef environment, Map<String, String> credentials, String hostKey) {
        return new SshHost(environment.id(), environment.host(), environment.port(), environment.user(), credentials
                .get(PRIVATE_KEY), credentials.get(PASSWORD), hostKey == null ? null : HostKeys.parse(hostKey),
                connectTimeout, Path.of(config.home(), "hosts", environment.id()));
    }

    @PreDestroy
    void close() {
        ssh.values().forEach(SshHost::close);
    }
}
