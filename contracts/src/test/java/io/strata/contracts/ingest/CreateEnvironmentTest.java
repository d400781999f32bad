package io.strata.contracts.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.strata.contracts.api.Violations;

/** The checks of an environment request that need nothing but the request itself. */
class CreateEnvironmentTest {

    private static CreateEnvironment ssh(String name, String kind, Integer port) {
        return new CreateEnvironment(name, kind, "db.example", port, "strata", null, null, null);
    }

    private static CreateEnvironment kubernetes(String namespace, String pod) {
        return new CreateEnvironment("k8s", "kubernetes", null, null, null, null, null, null, namespace, pod,
                "postgres");
    }

    @Test
    void aNameIsStrippedAndMustBeOneTo63LettersDigitsOrPunctuation() {
        assertThat(ssh(" db-1 ", "ssh", null).name()).isEqualTo("db-1");
        assertThat(Violations.of(ssh("db-1.example_2", "ssh", null))).isEmpty();
        assertThat(Violations.of(ssh(" ", "ssh", null))).containsOnlyKeys("name").containsValue(
                "is required: 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit");
        assertThat(Violations.of(ssh("-x", "ssh", null))).containsOnlyKeys("name");
        assertThat(Violations.of(ssh("x".repeat(64), "ssh", null))).containsOnlyKeys("name");
    }

    @Test
    void theKindIsSshOrKubernetesAndLocalIsLeftToTheServiceToAnswerAsAConflict() {
        assertThat(Violations.of(ssh("db-1", " ssh ", null))).isEmpty();
        assertThat(Violations.of(kubernetes(null, "pod"))).isEmpty();
        assertThat(Violations.of(ssh("db-1", "local", null))).isEmpty();
        assertThat(Violations.of(ssh("db-1", null, null))).containsEntry("kind", "is required: ssh or kubernetes");
        assertThat(Violations.of(ssh("db-1", "docker", null))).containsEntry("kind",
                "must be ssh or kubernetes (local exists already)");
    }

    @Test
    void thePortIsOneTo65535() {
        assertThat(Violations.of(ssh("db-1", "ssh", 1))).isEmpty();
        assertThat(Violations.of(ssh("db-1", "ssh", 65535))).isEmpty();
        assertThat(Violations.of(ssh("db-1", "ssh", 0))).containsEntry("port", "must be between 1 and 65535");
        assertThat(Violations.of(ssh("db-1", "ssh", 65536))).containsEntry("port", "must be between 1 and 65535");
    }

    @Test
    void aHostNameIsAtMost253Characters() {
        CreateEnvironment longHost = new CreateEnvironment("db-1", "ssh", "h".repeat(254), null, "strata", null,
                null, null);
        assertThat(Violations.of(longHost)).containsOnlyKeys("host");
    }

    @Test
    void aNamespaceAndPodAreKubernetesNamesAndABlankNamespaceIsNone() {
        assertThat(kubernetes(" ", " postgres-0 ")).extracting(CreateEnvironment::namespace, CreateEnvironment::pod)
                .containsExactly(null, "postgres-0");
        assertThat(Violations.of(kubernetes("db", "Postgres_0"))).containsEntry("pod",
                "must be a Kubernetes name (lower-case letters, digits, '-' and '.')");
        assertThat(Violations.of(kubernetes("DB", "postgres-0"))).containsOnlyKeys("namespace");
    }

    @Test
    void credentialsNeverReachALogLine() {
        assertThat(new CreateEnvironment.Credentials("PRIVATE KEY", "s3cret").toString()).doesNotContain("PRIVATE",
                "s3cret");
    }
}
