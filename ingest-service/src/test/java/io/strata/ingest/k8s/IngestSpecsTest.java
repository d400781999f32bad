package io.strata.ingest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strata.common.errors.ApiException;
import io.strata.contracts.ingest.CreateEnvironment;
import io.strata.ingest.source.LinkSource;
import io.strata.kubernetes.v1alpha1.Environment;
import io.strata.kubernetes.v1alpha1.EnvironmentSpec;
import io.strata.kubernetes.v1alpha1.PodTarget;
import io.strata.kubernetes.v1alpha1.SecretKeyRef;
import io.strata.kubernetes.v1alpha1.Source;
import io.strata.kubernetes.v1alpha1.SourceConnection;
import io.strata.kubernetes.v1alpha1.SourceSpec;
import io.strata.kubernetes.v1alpha1.SourceStaging;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.kubernetes.v1alpha1.SyncPolicy;
import io.strata.operator.Specs;

/**
 * What an Environment's and a Source's spec stand for as REST requests: the same fields, the credential read from
 * the Secret put where the REST body has it, the defaults of metadata.name; and which spec changes are refused.
 */
class IngestSpecsTest {

    private static Source source(SourceSpec spec) {
        Source source = new Source();
        source.setMetadata(new ObjectMetaBuilder().withName("clinic").withNamespace("qa").withGeneration(1L).build());
        source.setSpec(spec);
        return source;
    }

    private static SourceSpec postgresSpec() {
        SourceConnection connection = new SourceConnection();
        connection.setHost("db1.internal");
        connection.setPort(5433);
        connection.setDatabase("clinic");
        connection.setUser("app");
        connection.setPasswordSecret(new SecretKeyRef("clinic-source", "password"));
        SourceSpec spec = new SourceSpec();
        spec.setEngine("postgresql");
        spec.setConnection(connection);
        return spec;
    }

    @Test
    void aSourceSpecIsTheLinkRequestWithThePasswordFromItsSecret() {
        SourceSpec spec = postgresSpec();
        SyncPolicy policy = new SyncPolicy();
        policy.setCron("0 * * * *");
        spec.setSyncPolicy(policy);
        SourceStaging staging = new SourceStaging();
        staging.setEnvironment("db2");
        spec.setStaging(staging);
        spec.setLogSync(true);

        LinkSource request = SourceReconciler.request(source(spec), "s3cret", "env-1", "env-2");

        assertThat(request.name()).isEqualTo("clinic");
        assertThat(request.engine()).isEqualTo("postgresql");
        assertThat(request.environment()).isEqualTo("env-1");
        assertThat(request.staging().environment()).isEqualTo("env-2");
        assertThat(request.syncPolicy().cron()).isEqualTo("0 * * * *");
        assertThat(request.parameters()).containsEntry("logSync", true).containsEntry("connection", Map.of("host",
                "db1.internal", "port", 5433, "database", "clinic", "user", "app", "password", "s3cret"));
    }

    @Test
    void aSourceStagedInAPodIsStagedInItsOwnNamespaceUnlessItNamesOne() {
        SourceSpec spec = new SourceSpec();
        spec.setEngine("postgresql");
        SourceStaging staging = new SourceStaging();
        staging.setPod(new PodTarget());
        spec.setStaging(staging);

        assertThat(SourceReconciler.request(source(spec), null, null, null).staging()).isEqualTo(
                new LinkSource.StagingTarget(null, new LinkSource.KubernetesStaging("qa")));
        staging.getPod().setNamespace("staging");
        assertThat(SourceReconciler.request(source(spec), null, null, null).staging().kubernetes().namespace())
                .isEqualTo("staging");
    }

    @Test
    void aFilesSourceHasAPathAndNoConnection() {
        SourceSpec spec = new SourceSpec();
        spec.setName("app-config");
        spec.setEngine("files");
        spec.setPath("/etc/app");

        LinkSource request = SourceReconciler.request(source(spec), null, null, null);

        assertThat(request.name()).isEqualTo("app-config");
        assertThat(request.parameters()).containsOnly(Map.entry("path", "/etc/app"));
        assertThat(request.staging()).isNull();
        assertThat(request.syncPolicy()).isNull();
    }

    @Test
    void anEnvironmentSpecIsTheRegisterRequestWithItsCredentialFromItsSecret() {
        EnvironmentSpec spec = new EnvironmentSpec();
        spec.setKind("ssh");
        spec.setHost("db1.internal");
        spec.setUser("strata");
        spec.setHostKey("ssh-ed25519 AAAA");
        spec.setPrivateKeySecret(new SecretKeyRef("db1-ssh", "id_ed25519"));
        Environment resource = new Environment();
        resource.setMetadata(new ObjectMetaBuilder().withName("db1").withNamespace("qa").build());
        resource.setSpec(spec);

        CreateEnvironment request = EnvironmentReconciler.request(resource, "-----BEGIN OPENSSH PRIVATE KEY-----",
                null);

        assertThat(request.name()).isEqualTo("db1");
        assertThat(request.kind()).isEqualTo("ssh");
        assertThat(request.host()).isEqualTo("db1.internal");
        assertThat(request.credentials().privateKey()).startsWith("-----BEGIN");
        assertThat(request.credentials().password()).isNull();
        assertThat(request.credentials().toString()).doesNotContain("BEGIN");
        assertThatThrownBy(() -> EnvironmentReconciler.request(resource, "key", "password"))
                .isInstanceOf(ApiException.class).hasMessageContaining("not both");
    }

    @Test
    void onlySensitiveAndSyncPolicyMayChangeOnceASourceIsLinked() {
        SourceSpec spec = postgresSpec();
        String linked = Specs.digest(spec, "sensitive", "syncPolicy");
        spec.setSensitive(true);
        spec.setSyncPolicy(new SyncPolicy());
        spec.getSyncPolicy().setCron("*/5 * * * *");
        assertThat(Specs.digest(spec, "sensitive", "syncPolicy")).as("they may change").isEqualTo(linked);

        spec.getConnection().setDatabase("clinic2");
        StatusConditions conditions = StatusConditions.from(null, 2L);
        assertThat(Specs.fixedPartChanged(linked, Specs.digest(spec, "sensitive", "syncPolicy"), conditions,
                "Source qa/clinic", "only spec.sensitive can change once a source is linked", "source")).isTrue();
        io.strata.kubernetes.v1alpha1.SourceStatus status = new io.strata.kubernetes.v1alpha1.SourceStatus();
        conditions.applyTo(status);
        var ready = StatusConditions.find(status.getConditions(), StrataResources.READY);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("Immutable");
        assertThat(ready.getMessage()).contains("only spec.sensitive can change").contains(
                "kubectl delete source clinic");
        assertThat(Specs.fixedPartChanged(null, linked, conditions, "Source qa/clinic", "", "source"))
                .as("a status without a digest is no change").isFalse();
    }

    @Test
    void theSecretsValueNeverEntersTheDigest() {
        SourceSpec spec = postgresSpec();
        String before = Specs.digest(spec);
        spec.getConnection().setPasswordSecret(new SecretKeyRef("clinic-source", "password"));
        assertThat(Specs.digest(spec)).isEqualTo(before).hasSize(32).doesNotContain("clinic");
    }
}
