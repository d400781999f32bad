package io.strata.ingest.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.common.errors.ApiException;
import io.strata.contracts.ingest.CreateEnvironment;
import io.strata.contracts.ingest.CreateEnvironment.Credentials;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.hosts.HostConnections;
import io.strata.ingest.environment.EnvironmentRequestValidator.KubernetesTarget;
import io.strata.ingest.environment.EnvironmentRequestValidator.SshTarget;

/**
 * The checks of an environment request that depend on another field; the request's own annotations are covered by
 * {@code CreateEnvironmentTest} in contracts, and the end-to-end behaviour (uniqueness, probing a real SSH server or
 * pod) by {@code EnvironmentTest} and {@code KubernetesEnvironmentTest}.
 */
class EnvironmentRequestValidatorTest {

    private static final String HOST_KEY = "ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private static final Credentials PASSWORD = new Credentials(null, "s3cret");

    private static CreateEnvironment ssh(String host, Integer port, Credentials credentials, String hostKey,
            Boolean pin) {
        return new CreateEnvironment("db-1", "ssh", host, port, "strata", credentials, hostKey, pin);
    }

    private static CreateEnvironment kubernetes(String namespace, String pod, Credentials credentials) {
        return new CreateEnvironment("k8s", "kubernetes", null, null, null, credentials, null, null, namespace, pod,
                "postgres");
    }

    private static void assertRefused(Runnable check, int status, String field, String detail) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    @Test
    void theKindIsSshOrKubernetesAndLocalIsAConflict() {
        assertThat(EnvironmentRequestValidator.kind(ssh("h", null, null, null, null))).isEqualTo(EnvironmentKind.SSH);
        assertThat(EnvironmentRequestValidator.kind(kubernetes(null, "pod", null)))
                .isEqualTo(EnvironmentKind.KUBERNETES);
        assertRefused(() -> EnvironmentRequestValidator.kind(withKind("local")), 409, null,
                "The local environment exists already");
    }

    @Test
    void anSshRequestDefaultsThePortAndKeepsTheOneCredentialAndTheCanonicalHostKey() {
        SshTarget target = EnvironmentRequestValidator.ssh(ssh(" db.example ", null, PASSWORD, "db.example "
                + HOST_KEY + " comment", null));

        assertThat(target.host()).isEqualTo("db.example");
        assertThat(target.port()).isEqualTo(22);
        assertThat(target.user()).isEqualTo("strata");
        assertThat(target.credential()).isEqualTo(HostConnections.PASSWORD);
        assertThat(target.secret()).containsExactly(Map.entry(HostConnections.PASSWORD, "s3cret"));
        assertThat(target.hostKey()).isEqualTo(HOST_KEY);
        assertThat(target.toString()).as("the secret stays out of logs").doesNotContain("s3cret");

        SshTarget keyed = EnvironmentRequestValidator.ssh(ssh("h", 2222, new Credentials("PRIVATE KEY", null), null,
                true));
        assertThat(keyed.port()).isEqualTo(2222);
        assertThat(keyed.secret()).containsExactly(Map.entry(HostConnections.PRIVATE_KEY, "PRIVATE KEY"));
        assertThat(keyed.hostKey()).as("pinned on first contact").isNull();
    }

    @Test
    void anSshRequestIsRefusedFieldByField() {
        assertRefused(() -> EnvironmentRequestValidator.ssh(ssh(null, null, PASSWORD, HOST_KEY, null)), 400, "host",
                "host is required: the SSH host name or address.");
        assertRefused(() -> EnvironmentRequestValidator.ssh(ssh("h", null, null, HOST_KEY, null)), 400,
                "credentials", "Give exactly one of credentials.privateKey and credentials.password.");
        assertRefused(() -> EnvironmentRequestValidator.ssh(ssh("h", null, new Credentials("KEY", "pw"), HOST_KEY,
                null)), 400, "credentials", "Give exactly one");
        assertRefused(() -> EnvironmentRequestValidator.ssh(ssh("h", null, PASSWORD, "not a key", null)), 400,
                "hostKey", "hostKey is not an SSH public key");
        assertRefused(() -> EnvironmentRequestValidator.ssh(ssh("db.example", null, PASSWORD, " ", false)), 400,
                "hostKey", "'ssh-keyscan -t ed25519 db.example'");
    }

    @Test
    void aKubernetesRequestDefaultsTheNamespaceAndTakesNoCredentials() {
        assertThat(EnvironmentRequestValidator.kubernetes(kubernetes(" ", "postgres-0", null))).isEqualTo(
                new KubernetesTarget("default", "postgres-0", "postgres"));
        assertRefused(() -> EnvironmentRequestValidator.kubernetes(kubernetes("db", null, null)), 400, "pod",
                "pod is required: the name of the pod to run commands in.");
        assertRefused(() -> EnvironmentRequestValidator.kubernetes(kubernetes("db", "postgres-0", PASSWORD)), 400,
                "credentials", "A kubernetes environment takes no credentials or host key");
    }

    private static CreateEnvironment withKind(String kind) {
        return new CreateEnvironment("db-1", kind, null, null, null, null, null, null);
    }
}
