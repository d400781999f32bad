package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * {@code helm install}, {@code upgrade} and {@code uninstall} of the chart with its defaults on a real API server.
 * Nothing runs (no kubelet), but every object must be accepted: the CRDs of {@code crds/} come first, the Secrets the
 * first install generates hold keys the services can use, upgrades keep them, and uninstall leaves them: a second
 * install stops rather than replace them, and names them in its values to use them.
 */
class ChartInstallTest {

    private static final Set<String> GENERATED = Set.of("jwt", "masking-keys", "secret-store", "admin");

    @Test
    void anInstallCreatesTheCrdsEveryObjectAndKeysTheServicesCanUse(@TempDir Path keys) throws Exception {
        String release = release();
        KubernetesClient admin = Cluster.admin();

        Release installed = install(release, UnaryOperator.identity());

        assertThat(installed.getStatus()).isEqualTo("deployed");
        assertThat(Crds.all()).allSatisfy(definition -> assertThat(Crds.established(admin.apiextensions().v1()
                .customResourceDefinitions().withName(definition.getMetadata().getName()).get())).isTrue());
        for (HasMetadata object : Chart.objects(Chart.render(release, release, Map.of()))) {
            assertThat(admin.resource(object).get()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isNotNull();
        }
        Map<String, String> jwt = decoded(secret(release, "jwt"));
        Files.writeString(keys.resolve("private.pem"), jwt.get("private.pem"));
        Files.writeString(keys.resolve("public.pem"), jwt.get("public.pem"));
        // As the catalog reads its signing key (smallrye.jwt.sign.key.location) and signs, and the others verify.
        PrivateKey signing = (PrivateKey) KeyUtils.readSigningKey(keys.resolve("private.pem").toString(), null,
                SignatureAlgorithm.EDDSA);
        String token = Jwt.issuer("strata").upn("admin").jws().algorithm(SignatureAlgorithm.EDDSA).sign(signing);
        JWTAuthContextInfo verification = new JWTAuthContextInfo("file:" + keys.resolve("public.pem"), "strata");
        verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.EDDSA));
        assertThat(new DefaultJWTParser(verification).parse(token).getName()).isEqualTo("admin");
        Map<String, String> maskingKeys = decoded(secret(release, "masking-keys"));
        assertThat(maskingKeys).containsOnlyKeys("names-v1", "emails-v1", "phones-v1", "addresses-v1", "dates-v1",
                "text-v1", "numbers-v1", "keys-v1", "fpe-v1");
        assertThat(maskingKeys.values()).allSatisfy(key -> assertThat(Base64.getDecoder().decode(key)).hasSize(32));
        assertThat(Base64.getDecoder().decode(decoded(secret(release, "secret-store")).get("master.key")))
                .hasSize(32);
        assertThat(decoded(secret(release, "admin")).get("password")).hasSize(24);
    }

    @Test
    void upgradesKeepTheGeneratedSecretsAndUninstallLeavesThemForTheNextInstallToName() {
        String release = release();
        KubernetesClient admin = Cluster.admin();
        Path kubeconfig = Cluster.kube().kubeconfig();
        install(release, UnaryOperator.identity());
        Map<String, Map<String, String>> before = generated(release);

        new Helm(Chart.DIR).upgrade().withName(release).withNamespace(release).withKubeConfig(kubeconfig)
                .set("router.replicas", 2).call();

        assertThat(admin.apps().deployments().inNamespace(release).withName(release + "-strata-router").get()
                .getSpec().getReplicas()).isEqualTo(2);
        assertThat(generated(release)).isEqualTo(before);

        Helm.uninstall(release).withNamespace(release).withKubeConfig(kubeconfig).call();

        assertThat(admin.apps().deployments().inNamespace(release).list().getItems()).isEmpty();
        assertThat(generated(release)).isEqualTo(before);
        assertThat(admin.persistentVolumeClaims().inNamespace(release).withName(release + "-strata-secret-store")
                .get()).isNotNull();
        assertThatThrownBy(() -> install(release, UnaryOperator.identity())).hasMessageContaining(
                "secrets \"" + release + "-strata-").hasMessageContaining("already exists");
        assertThat(generated(release)).isEqualTo(before);
        // The refused install is a failed release: it goes, and the Secrets stay.
        Helm.uninstall(release).withNamespace(release).withKubeConfig(kubeconfig).call();

        Release again = install(release, command -> command.set("jwt.existingSecret", release + "-strata-jwt")
                .set("masking.keys.existingSecret", release + "-strata-masking-keys")
                .set("secretStore.existingSecret", release + "-strata-secret-store")
                .set("catalog.adminPassword.existingSecret", release + "-strata-admin"));

        assertThat(again.getStatus()).isEqualTo("deployed");
        assertThat(generated(release)).isEqualTo(before);
        assertThat(admin.apps().deployments().inNamespace(release).withName(release + "-strata-masking").get()
                .getSpec().getTemplate().getSpec().getVolumes()).filteredOn(volume -> volume.getSecret() != null)
                .extracting(volume -> volume.getSecret().getSecretName()).contains(release + "-strata-masking-keys");
    }

    private static String release() {
        return "i" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Installs the chart as {@code release} into a namespace of the same name. */
    private static Release install(String release, UnaryOperator<InstallCommand> values) {
        return values.apply(new Helm(Chart.DIR).install().withName(release).withNamespace(release).createNamespace()
                .withKubeConfig(Cluster.kube().kubeconfig())).call();
    }

    private static Secret secret(String release, String name) {
        return Cluster.admin().secrets().inNamespace(release).withName(release + "-strata-" + name).get();
    }

    /** Every generated Secret's data, by name. */
    private static Map<String, Map<String, String>> generated(String release) {
        return GENERATED.stream().collect(Collectors.toMap(name -> name, name -> decoded(secret(release, name))));
    }

    private static Map<String, String> decoded(Secret secret) {
        assertThat(secret).as("a generated Secret").isNotNull();
        return secret.getData().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> new String(Base64.getDecoder().decode(entry.getValue()), StandardCharsets.UTF_8)));
    }
}
