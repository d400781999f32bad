package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * {@code helm lint} and {@code helm template}: the chart renders with its defaults and with other values, every
 * object fits fabric8's model (no misspelled field), and each component gets what its service needs.
 */
class ChartTemplateTest {

    /** Each component with the port its application.properties sets. */
    static final Map<String, Integer> PORTS = Map.of("router", 8080, "ingest", 8081, "storage-node", 8082,
            "masking", 8083, "provisioning", 8084, "catalog", 8085);

    private static final List<String> DEPLOYMENTS = List.of("router", "ingest", "masking", "provisioning",
            "catalog");

    /** Value sets every object of which must fit the model. */
    static Stream<Arguments> valueSets() {
        return Stream.of(Arguments.of("defaults", Map.of()),
                Arguments.of("strimzi and cloudnativepg", Map.of("kafka.strimzi.enabled", true,
                        "postgresql.cloudnativepg.enabled", true, "kafka.strimzi.version", "4.1.0",
                        "postgresql.cloudnativepg.storageClass", "fast", "kafka.strimzi.storageClass", "fast")),
                Arguments.of("strimzi v1", Map.of("kafka.strimzi.enabled", true, "kafka.strimzi.apiVersion",
                        "kafka.strimzi.io/v1")),
                Arguments.of("all namespaces", Map.of("kubernetes.allNamespaces", true)),
                Arguments.of("named namespaces", Map.of("kubernetes.namespaces", List.of("apps", "qa"))),
                Arguments.of("everything named", Map.of("jwt.existingSecret", "my-jwt", "jwt.algorithm", "RS256",
                        "masking.keys.existingSecret", "my-keys", "secretStore.existingSecret", "my-store",
                        "catalog.adminPassword.existingSecret", "my-admin", "provisioning.nfsClients",
                        List.of("10.0.0.0/16"), "image.pullSecrets", List.of("regcred"), "ingress.host",
                        "strata.example.com",
                        "storageNode.clusterIP", "10.96.0.50", "storageNode.nfs.advertisedAddress", "10.96.0.50")),
                Arguments.of("scheduling, extra variables, TLS", Map.of("scheduling.nodeSelector.disk", "ssd",
                        "storageNode.nodeSelector.strata\\.io/storage", "true", "storageNode.tolerations[0].key",
                        "storage", "storageNode.tolerations[0].operator", "Exists", "router.extraEnv[0].name",
                        "QUARKUS_LOG_LEVEL", "router.extraEnv[0].value", "DEBUG", "ingress.tls[0].secretName",
                        "strata-tls", "ingress.tls[0].hosts[0]", "strata.example.com", "ingress.className", "nginx")),
                Arguments.of("no operator, no ingress", Map.of("provisioning.operator", false, "ingress.enabled",
                        false, "ingest.operator", false, "masking.operator", false, "catalog.operator", false)));
    }

    @Test
    void helmLintFindsNothingWrong() {
        var lint = Chart.lint();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).allMatch(message -> message.startsWith("[INFO]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyRenderedObjectFitsItsModel(String name, Map<String, Object> values) {
        ModelCheck check = ModelCheck.load();
        List<HasMetadata> objects = Chart.objects(Chart.render("strata", "strata", values));

        assertThat(objects).isNotEmpty();
        assertThat(objects).flatExtracting(check::unknownFields).isEmpty();
        assertThat(objects).allSatisfy(object -> assertThat(object.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/instance", "strata").containsEntry("app.kubernetes.io/part-of",
                        "strata"));
    }

    @Test
    void theDefaultsMakeEveryComponentWithItsServiceAndAccount() {
        List<HasMetadata> objects = Chart.defaults();

        assertThat(Chart.all(objects, Deployment.class)).extracting(object -> object.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(DEPLOYMENTS.stream().map(name -> "strata-" + name).toList());
        assertThat(Chart.all(objects, StatefulSet.class)).extracting(object -> object.getMetadata().getName())
                .containsExactly("strata-storage-node");
        assertThat(Chart.all(objects, ServiceAccount.class)).extracting(object -> object.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(PORTS.keySet().stream().map(name -> "strata-" + name)
                        .toList());
        PORTS.forEach((component, port) -> assertThat(Chart.find(objects, Service.class, "strata-" + component)
                .getSpec().getPorts()).anySatisfy(servicePort -> {
                    assertThat(servicePort.getName()).isEqualTo("http");
                    assertThat(servicePort.getPort()).isEqualTo(port);
                    assertThat(servicePort.getTargetPort()).isEqualTo(new IntOrString("http"));
                }));
        assertThat(objects).allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                .as("%s %s", object.getKind(), object.getMetadata().getName())
                .isIn("strata", null));
    }

    @Test
    void eachComponentRunsItsImageWithProbesResourcesAndItsOwnAccount() {
        List<HasMetadata> objects = Chart.defaults();

        PORTS.forEach((component, port) -> {
            PodSpec pod = Pods.of(objects, component);
            Container container = pod.getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("ghcr.io/strata-io/strata-" + component + ":0.1.0");
            assertThat(container.getPorts()).anySatisfy(containerPort -> {
                assertThat(containerPort.getName()).isEqualTo("http");
                assertThat(containerPort.getContainerPort()).isEqualTo(port);
            });
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(pod.getServiceAccountName()).isEqualTo("strata-" + component);
            assertThat(pod.getAutomountServiceAccountToken()).as("%s gets a token", component)
                    .isEqualTo(List.of("ingest", "provisioning", "catalog", "masking").contains(component));
            assertThat(Pods.env(container, "JAVA_TOOL_OPTIONS").getValue()).isNotBlank();
        });
    }

    @Test
    void imagesFollowTheRegistryAndTagOrTheirOwnValues() {
        List<HasMetadata> objects = Chart.objects(Chart.render("strata", "strata", Map.of("image.registry",
                "registry.example.com", "image.tag", "1.2.3", "masking.image.repository", "mirror/masking",
                "masking.image.tag", "m1", "image.pullPolicy", "Always")));

        assertThat(Pods.of(objects, "ingest").getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/strata-io/strata-ingest:1.2.3");
        assertThat(Pods.of(objects, "storage-node").getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/strata-io/strata-storage-node:1.2.3");
        assertThat(Pods.of(objects, "masking").getContainers().get(0).getImage()).isEqualTo("mirror/masking:m1");
        assertThat(Pods.of(objects, "catalog").getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
    }

    @Test
    void theServicesReadTheirDatabaseBrokerAndKeysFromTheEnvironment() {
        List<HasMetadata> objects = Chart.defaults();
        ConfigMap config = Chart.find(objects, ConfigMap.class, "strata-config");

        Map.of("ingest", "ingest", "storage-node", "snapshot", "masking", "masking", "provisioning",
                "provisioning", "catalog", "catalog").forEach((component, database) -> {
                    Container container = Pods.of(objects, component).getContainers().get(0);
                    assertThat(Pods.value(config, Pods.env(container, "STRATA_DB_URL")))
                            .isEqualTo("jdbc:postgresql://postgresql:5432/strata_" + database);
                    assertThat(Pods.value(config, Pods.env(container, "STRATA_DB_USER"))).isEqualTo("strata");
                    assertThat(Pods.env(container, "STRATA_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                            .isEqualTo("strata-postgresql");
                    assertThat(Pods.value(config, Pods.env(container, "STRATA_KAFKA_BOOTSTRAP")))
                            .isEqualTo("kafka:9092");
                    assertThat(Pods.env(container, "STRATA_HTTP_HOST").getValue()).isEqualTo("0.0.0.0");
                    assertThat(Pods.env(container, "STRATA_HOME").getValue()).isEqualTo("/var/lib/strata");
                    assertThat(Pods.value(config, Pods.env(container, "MP_JWT_VERIFY_PUBLICKEY_ALGORITHM")))
                            .isEqualTo("EdDSA");
                    assertThat(Pods.mountPath(objects, component, "jwt")).isEqualTo("/var/lib/strata/secrets/jwt");
                });
        Container provisioning = Pods.of(objects, "provisioning").getContainers().get(0);
        assertThat(Pods.env(provisioning, "STRATA_KUBERNETES_OPERATOR").getValue()).isEqualTo("true");
        assertThat(Pods.env(provisioning, "QUARKUS_OPERATOR_SDK_NAMESPACES").getValue()).isEqualTo("strata");
        for (String component : List.of("catalog", "ingest", "masking")) {
            Container operator = Pods.of(objects, component).getContainers().get(0);
            assertThat(Pods.env(operator, "STRATA_KUBERNETES_OPERATOR").getValue()).as(component).isEqualTo("true");
            assertThat(Pods.env(operator, "QUARKUS_OPERATOR_SDK_NAMESPACES").getValue()).as(component).isEqualTo(
                    "strata");
        }
        Container masking = Pods.of(objects, "masking").getContainers().get(0);
        assertThat(Pods.env(masking, "STRATA_MASKING_KEYS_SECRET_DIRECTORY").getValue())
                .isEqualTo(Pods.mountPath(objects, "masking", "masking-keys"));
        Container catalog = Pods.of(objects, "catalog").getContainers().get(0);
        assertThat(Pods.env(catalog, "STRATA_ADMIN_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("strata-admin");
        assertThat(Pods.secretItems(objects, "catalog", "jwt")).containsExactly("public.pem", "private.pem");
        assertThat(Pods.secretItems(objects, "router", "jwt")).containsExactly("public.pem");
        for (String component : List.of("ingest", "masking", "provisioning")) {
            assertThat(Pods.mountPath(objects, component, "secret-store")).isEqualTo("/var/lib/strata/secrets/store");
            assertThat(Pods.mountPath(objects, component, "master-key")).isEqualTo(
                    "/var/lib/strata/secrets/master.key");
        }
    }

    @Test
    void theRouterAndTheIngressReachTheRenderedServices() {
        List<HasMetadata> objects = Chart.defaults();
        Container router = Pods.of(objects, "router").getContainers().get(0);

        Map.of("INGEST", "ingest", "SNAPSHOT", "storage-node", "MASKING", "masking", "PROVISIONING",
                "provisioning", "CATALOG", "catalog").forEach((service, component) -> {
                    String url = Pods.env(router, "STRATA_ROUTER_" + service + "_URL").getValue();
                    assertThat(url).isEqualTo("http://strata-" + component + ".strata.svc:" + PORTS.get(component));
                    assertThat(Chart.find(objects, Service.class, "strata-" + component).getSpec().getPorts())
                            .extracting(port -> port.getPort()).contains(PORTS.get(component));
                });
        var path = Chart.find(objects, Ingress.class, "strata").getSpec().getRules().get(0).getHttp().getPaths()
                .get(0);
        assertThat(path.getPath()).isEqualTo("/api");
        assertThat(path.getPathType()).isEqualTo("Prefix");
        assertThat(path.getBackend().getService().getName()).isEqualTo("strata-router");
        assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
    }

    @Test
    void theStorageNodeIsAPrivilegedStatefulSetWithItsOwnClaimAndAnNfsPort() {
        List<HasMetadata> objects = Chart.defaults();
        StatefulSet node = Chart.find(objects, StatefulSet.class, "strata-storage-node");
        Container container = node.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getSecurityContext().getPrivileged()).isTrue();
        assertThat(container.getSecurityContext().getRunAsUser()).isZero();
        assertThat(node.getSpec().getReplicas()).isEqualTo(1);
        assertThat(node.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("data");
            assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("100Gi");
        });
        assertThat(Pods.mountPath(objects, "storage-node", "data")).isEqualTo("/var/lib/strata");
        assertThat(Chart.find(objects, Service.class, "strata-storage-node").getSpec().getPorts())
                .extracting(port -> port.getName() + ":" + port.getPort()).containsExactly("http:8082", "nfs:2049");
        assertThat(Pods.env(container, "STRATA_SNAPSHOT_POOL_DRIVER").getValue()).isEqualTo("btrfs");
        assertThat(Pods.env(container, "STRATA_SNAPSHOT_NFS_BIND_ADDRESS").getValue()).isEqualTo("0.0.0.0");
        assertThat(Pods.env(container, "STRATA_SNAPSHOT_NFS_PORT").getValue()).isEqualTo("2049");
        assertThat(Pods.env(container, "STRATA_SNAPSHOT_NFS_ADVERTISED_ADDRESS").getValue())
                .isEqualTo("$(STRATA_STORAGE_NODE_SERVICE_HOST)");
        assertThat(node.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isTrue();
        for (String component : DEPLOYMENTS) {
            PodSpec pod = Pods.of(objects, component);
            assertThat(pod.getEnableServiceLinks()).as(component).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(component).isTrue();
            assertThat(pod.getContainers().get(0).getSecurityContext().getPrivileged()).as(component).isNull();
        }
    }

    @Test
    void strimziAndCloudNativePgReplaceTheExternalServers() {
        List<HasMetadata> objects = Chart.objects(Chart.render("strata", "strata", Map.of("kafka.strimzi.enabled",
                true, "postgresql.cloudnativepg.enabled", true)));
        ConfigMap config = Chart.find(objects, ConfigMap.class, "strata-config");
        Container ingest = Pods.of(objects, "ingest").getContainers().get(0);

        assertThat(Operators.resource(objects, "Kafka").getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(Operators.resource(objects, "KafkaNodePool").getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", "strata-kafka");
        assertThat(Operators.<List<String>>field(objects, "KafkaNodePool", "spec", "roles"))
                .containsExactly("controller", "broker");
        assertThat(Pods.value(config, Pods.env(ingest, "STRATA_KAFKA_BOOTSTRAP")))
                .isEqualTo("strata-kafka-kafka-bootstrap.strata.svc:9092");
        assertThat(Operators.resource(objects, "Cluster").getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(Operators.<String>field(objects, "Cluster", "spec", "bootstrap", "initdb", "database"))
                .isEqualTo("strata_catalog");
        assertThat(Operators.<List<String>>field(objects, "Cluster", "spec", "bootstrap", "initdb", "postInitSQL"))
                .containsExactly("CREATE DATABASE strata_ingest OWNER strata",
                        "CREATE DATABASE strata_snapshot OWNER strata", "CREATE DATABASE strata_masking OWNER strata",
                        "CREATE DATABASE strata_provisioning OWNER strata");
        assertThat(Pods.value(config, Pods.env(ingest, "STRATA_DB_URL")))
                .isEqualTo("jdbc:postgresql://strata-postgresql-rw.strata.svc:5432/strata_ingest");
        for (String variable : List.of("STRATA_DB_USER", "STRATA_DB_PASSWORD")) {
            assertThat(Pods.env(ingest, variable).getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("strata-postgresql-app");
        }
        assertThat(config.getData()).doesNotContainKey("db-user");
    }

    @Test
    void theOperatorWatchesTheNamespacesItsRolesCover() {
        assertThat(operatorNamespaces(Map.of("kubernetes.namespaces", List.of("apps", "qa")))).isEqualTo("apps,qa");
        assertThat(operatorNamespaces(Map.of("kubernetes.allNamespaces", true))).isEqualTo("JOSDK_ALL_NAMESPACES");
        List<HasMetadata> withoutOperator = Chart.objects(Chart.render("strata", "strata", Map.of(
                "provisioning.operator", false)));
        Container provisioning = Pods.of(withoutOperator, "provisioning").getContainers().get(0);
        assertThat(Pods.env(provisioning, "STRATA_KUBERNETES_OPERATOR").getValue()).isEqualTo("false");
        assertThat(provisioning.getEnv()).extracting(EnvVar::getName).doesNotContain(
                "QUARKUS_OPERATOR_SDK_NAMESPACES");
        assertThat(Chart.render("strata", "strata", Map.of("provisioning.operator", false)))
                .doesNotContain("virtualdatabases");
    }

    @Test
    void maskingGetsItsTokenAndRulesOnlyWithItsOperatorAndIngestKeepsItsPodRules() {
        assertThat(Pods.of(Chart.defaults(), "masking").getAutomountServiceAccountToken()).isTrue();
        String without = Chart.render("strata", "strata", Map.of("masking.operator", false, "ingest.operator",
                false));
        List<HasMetadata> objects = Chart.objects(without);
        assertThat(Pods.of(objects, "masking").getAutomountServiceAccountToken()).isFalse();
        assertThat(Pods.env(Pods.of(objects, "masking").getContainers().get(0), "STRATA_KUBERNETES_OPERATOR")
                .getValue()).isEqualTo("false");
        assertThat(Pods.env(Pods.of(objects, "ingest").getContainers().get(0), "STRATA_KUBERNETES_OPERATOR")
                .getValue()).isEqualTo("false");
        assertThat(without).doesNotContain("maskeddatasets", "maskingrulesets", "environments/status");
        assertThat(Pods.of(objects, "ingest").getAutomountServiceAccountToken()).as("exec into pods").isTrue();
    }

    private static String operatorNamespaces(Map<String, Object> values) {
        List<HasMetadata> objects = Chart.objects(Chart.render("strata", "strata", values));
        return Pods.env(Pods.of(objects, "provisioning").getContainers().get(0), "QUARKUS_OPERATOR_SDK_NAMESPACES")
                .getValue();
    }
}
