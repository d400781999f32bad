package io.strata.charts;

import static io.strata.charts.AppliedRbac.assertMay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Least privilege, on a real API server with RBAC: the chart's accounts and rules are created in a fresh namespace,
 * and each service's account may do what its service does on Kubernetes and is refused (403) everything else. The
 * calls mirror the services' own: the VirtualDatabase operator (provisioning {@code k8s/}), the credentials Secret,
 * the PersistentVolume and claim of an attachment ({@code attach/KubernetesVolumes}), and exec into an environment's
 * pod ({@code hosts/KubernetesPod}, used by ingest and provisioning); the Environment and Source operator (ingest
 * {@code k8s/}, reading the Secrets its specs name) and the MaskingRuleset and MaskedDataset operator (masking
 * {@code k8s/}, reading a MaskedDataset's Source).
 */
class RbacTest {

    private static final ResourceDefinitionContext VIRTUAL_DATABASES = new ResourceDefinitionContext.Builder()
            .withGroup("strata.io").withVersion("v1alpha1").withKind("VirtualDatabase").withPlural("virtualdatabases")
            .withNamespaced(true).build();

    /** What an environment's pod gets from ingest and provisioning: they check it and exec into it. */
    private static final String[] EXEC = {"get pods", "create pods/exec", "get pods/exec"};

    private static final String[] OPERATOR = {"get virtualdatabases.strata.io", "list virtualdatabases.strata.io",
            "watch virtualdatabases.strata.io", "patch virtualdatabases.strata.io", "update virtualdatabases.strata.io",
            "patch virtualdatabases.strata.io/status", "update virtualdatabases.strata.io/status",
            "update virtualdatabases.strata.io/finalizers", "watch vdbrefreshes.strata.io",
            "patch vdbrefreshes.strata.io/status",
            "watch vdbrewinds.strata.io", "patch vdbrewinds.strata.io/status"};

    private static final String[] POD_OPERATOR = {"get datapods.strata.io", "list datapods.strata.io",
            "watch datapods.strata.io", "patch datapods.strata.io/status", "update datapods.strata.io/finalizers",
            "watch bookmarks.strata.io", "patch bookmarks.strata.io/status", "update bookmarks.strata.io/finalizers",
            "watch podresets.strata.io", "patch podresets.strata.io/status"};

    /** An engine in a pod of its own (a virtual database, a staging copy): its Secret and its StatefulSet. */
    private static final String[] ENGINE_WORKLOADS = {"get secrets", "create secrets", "update secrets",
            "delete secrets", "get statefulsets.apps", "create statefulsets.apps", "update statefulsets.apps",
            "patch statefulsets.apps", "delete statefulsets.apps"};

    /** A virtual database in a pod: its Service besides. */
    private static final String[] SERVICES = {"get services", "create services", "update services",
            "delete services"};

    private static final String[] SOURCE_OPERATOR = {"get environments.strata.io", "list environments.strata.io",
            "watch environments.strata.io", "patch environments.strata.io/status",
            "update environments.strata.io/finalizers", "get sources.strata.io", "list sources.strata.io",
            "watch sources.strata.io", "patch sources.strata.io/status", "update sources.strata.io/finalizers"};

    private static final String[] MASKING_OPERATOR = {"get maskingrulesets.strata.io", "list maskingrulesets.strata.io",
            "watch maskingrulesets.strata.io", "patch maskingrulesets.strata.io/status",
            "update maskingrulesets.strata.io/finalizers", "get maskeddatasets.strata.io",
            "list maskeddatasets.strata.io", "watch maskeddatasets.strata.io", "patch maskeddatasets.strata.io/status",
            "update maskeddatasets.strata.io/finalizers", "get sources.strata.io"};

    private static final String[] CLAIMS = {"get persistentvolumeclaims", "create persistentvolumeclaims",
            "update persistentvolumeclaims", "delete persistentvolumeclaims"};

    @BeforeAll
    static void installCrds() {
        Crds.install(Cluster.admin());
    }

    @Test
    void provisioningMayRunItsOperatorMakeVolumesAndExecButNothingElse() {
        AppliedRbac rbac = AppliedRbac.apply(Map.of(), "elsewhere");
        String namespace = rbac.namespace();

        try (KubernetesClient provisioning = rbac.as("provisioning")) {
            assertMay(provisioning, namespace, true, OPERATOR);
            assertMay(provisioning, namespace, true, CLAIMS);
            assertMay(provisioning, namespace, true, ENGINE_WORKLOADS);
            assertMay(provisioning, namespace, true, SERVICES);
            assertMay(provisioning, namespace, true, EXEC);
            assertMay(provisioning, null, true, "get persistentvolumes", "create persistentvolumes",
                    "update persistentvolumes", "delete persistentvolumes", "list nodes");
            assertMay(provisioning, namespace, false, "delete pods", "create pods", "list pods", "patch pods",
                    "list secrets", "watch secrets", "create virtualdatabases.strata.io",
                    "delete virtualdatabases.strata.io", "get configmaps", "create deployments.apps",
                    "list statefulsets.apps", "watch statefulsets.apps", "patch services", "list services",
                    "create roles.rbac.authorization.k8s.io", "create serviceaccounts/token");
            assertMay(provisioning, null, false, "list persistentvolumes", "watch persistentvolumes", "get nodes",
                    "delete nodes", "create namespaces", "create clusterrolebindings.rbac.authorization.k8s.io");
            assertMay(provisioning, "elsewhere", false, "create secrets", "get secrets", "get pods",
                    "create statefulsets.apps", "create services",
                    "create pods/exec", "list virtualdatabases.strata.io", "create persistentvolumeclaims");
        }
    }

    @Test
    void provisioningsOwnCallsSucceedAndADeleteOfAPodIsRefused() {
        AppliedRbac rbac = AppliedRbac.apply(Map.of(), "elsewhere");
        String namespace = rbac.namespace();
        KubernetesClient admin = Cluster.admin();
        admin.genericKubernetesResources(VIRTUAL_DATABASES).inNamespace(namespace).resource(virtualDatabase()).create();
        admin.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("staging")
                .endMetadata().withNewSpec().addNewContainer().withName("pg").withImage("postgres").endContainer()
                .endSpec().build()).create();
        String volume = "strata-" + UUID.randomUUID().toString().substring(0, 8);

        try (KubernetesClient provisioning = rbac.as("provisioning")) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> provisioning
                    .genericKubernetesResources(VIRTUAL_DATABASES).inNamespace(namespace).list() != null);
            GenericKubernetesResource patched = provisioning.genericKubernetesResources(VIRTUAL_DATABASES)
                    .inNamespace(namespace).withName("qa1").subresource("status").patch(PatchContext.of(
                            PatchType.JSON_MERGE), "{\"status\":{\"state\":\"PROVISIONING\"}}");
            assertThat(patched.<String>get("status", "state")).isEqualTo("PROVISIONING");
            // The credentials Secret and an attachment's volume and claim, created and then updated, as the
            // service's createOr(update) does when a retry finds them.
            for (int attempt = 0; attempt < 2; attempt++) {
                provisioning.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                        .withName("qa1-credentials").endMetadata().addToStringData("password", "p" + attempt)
                        .build()).createOr(NonDeletingOperation::update);
                provisioning.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata()
                        .withName(volume).endMetadata().withNewSpec().addToCapacity("storage", new Quantity("1Ti"))
                        .withAccessModes("ReadWriteMany").withStorageClassName("").withNewNfs()
                        .withServer("10.96.0.50").withPath("/strata/" + volume).endNfs().endSpec().build())
                        .createOr(NonDeletingOperation::update);
                provisioning.persistentVolumeClaims().inNamespace(namespace).resource(
                        new PersistentVolumeClaimBuilder().withNewMetadata().withName(volume).endMetadata()
                                .withNewSpec().withAccessModes("ReadWriteMany").withStorageClassName("")
                                .withVolumeName(volume).withNewResources().addToRequests("storage",
                                        new Quantity("1Ti"))
                                .endResources().endSpec().build())
                        .createOr(NonDeletingOperation::update);
            }
            // A virtual database in a pod: its Service and StatefulSet, created, scaled to none (stop), deleted.
            provisioning.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata()
                    .withName("vdb-qa1").endMetadata().withNewSpec().withSelector(Map.of("strata.io/vdb", "qa1"))
                    .addNewPort().withPort(5432).endPort().endSpec().build()).createOr(NonDeletingOperation::update);
            provisioning.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                    .withNewMetadata().withName("vdb-qa1").endMetadata().withNewSpec().withReplicas(1)
                    .withServiceName("vdb-qa1").withNewSelector().addToMatchLabels("strata.io/vdb", "qa1")
                    .endSelector().withNewTemplate().withNewMetadata().addToLabels("strata.io/vdb", "qa1")
                    .endMetadata().withNewSpec().addNewContainer().withName("engine").withImage("postgres:15")
                    .endContainer().endSpec().endTemplate().endSpec().build()).createOr(NonDeletingOperation::update);
            provisioning.apps().statefulSets().inNamespace(namespace).withName("vdb-qa1").edit(set -> {
                set.getSpec().setReplicas(0);
                return set;
            });
            provisioning.apps().statefulSets().inNamespace(namespace).withName("vdb-qa1").delete();
            provisioning.services().inNamespace(namespace).withName("vdb-qa1").delete();
            assertThat(provisioning.nodes().list().getItems()).isEmpty();
            assertThat(provisioning.pods().inNamespace(namespace).withName("staging").get()).isNotNull();
            provisioning.persistentVolumeClaims().inNamespace(namespace).withName(volume).delete();
            provisioning.persistentVolumes().withName(volume).delete();
            provisioning.secrets().inNamespace(namespace).withName("qa1-credentials").delete();

            assertRefused(() -> provisioning.pods().inNamespace(namespace).withName("staging").delete());
            assertRefused(() -> provisioning.secrets().inNamespace("elsewhere").resource(new SecretBuilder()
                    .withNewMetadata().withName("x").endMetadata().build()).create());
            assertRefused(() -> provisioning.genericKubernetesResources(VIRTUAL_DATABASES).inNamespace(namespace)
                    .withName("qa1").delete());
        }
    }

    @Test
    void ingestMayRunItsOperatorItsStagingPodsAndExecButNothingElse() {
        AppliedRbac rbac = AppliedRbac.apply(Map.of(), "elsewhere");
        String namespace = rbac.namespace();
        AppliedRbac noOperator = AppliedRbac.apply(Map.of("ingest.operator", false));

        try (KubernetesClient ingest = rbac.as("ingest"); KubernetesClient without = noOperator.as("ingest")) {
            assertMay(ingest, namespace, true, EXEC);
            assertMay(ingest, namespace, true, SOURCE_OPERATOR);
            assertMay(ingest, namespace, true, ENGINE_WORKLOADS);
            assertMay(ingest, namespace, false, "list secrets", "watch secrets", "list pods", "delete pods",
                    "create pods", "get virtualdatabases.strata.io", "create persistentvolumeclaims",
                    "create services", "list statefulsets.apps", "create sources.strata.io",
                    "delete environments.strata.io", "get maskeddatasets.strata.io");
            assertMay(ingest, "elsewhere", false, "create secrets", "get secrets", "get pods", "create pods/exec",
                    "create statefulsets.apps", "get sources.strata.io");
            assertMay(ingest, null, false, "list nodes", "create persistentvolumes");
            assertRefused(() -> ingest.secrets().inNamespace("elsewhere").resource(new SecretBuilder()
                    .withNewMetadata().withName("x").endMetadata().build()).create());
            assertRefused(() -> ingest.secrets().inNamespace(namespace).list());
            assertMay(without, noOperator.namespace(), true, EXEC);
            assertMay(without, noOperator.namespace(), true, ENGINE_WORKLOADS);
            assertMay(without, noOperator.namespace(), false, SOURCE_OPERATOR);
        }
    }

    @Test
    void maskingMayDriveItsResourcesAndReadSourcesAndWithoutItsOperatorNothing() {
        AppliedRbac rbac = AppliedRbac.apply(Map.of(), "elsewhere");
        AppliedRbac noOperator = AppliedRbac.apply(Map.of("masking.operator", false));
        List<String> anyAccount;
        try (KubernetesClient nobody = noOperator.account("nobody")) {
            anyAccount = rules(nobody, noOperator.namespace());
        }

        try (KubernetesClient masking = rbac.as("masking"); KubernetesClient without = noOperator.as("masking")) {
            assertMay(masking, rbac.namespace(), true, MASKING_OPERATOR);
            assertMay(masking, rbac.namespace(), false, "get secrets", "get pods", "create pods/exec",
                    "list sources.strata.io", "patch sources.strata.io", "create maskeddatasets.strata.io",
                    "delete maskingrulesets.strata.io", "get virtualdatabases.strata.io");
            assertMay(masking, "elsewhere", false, MASKING_OPERATOR);
            assertMay(masking, null, false, "list nodes", "create persistentvolumes");
            assertThat(rules(without, noOperator.namespace())).containsExactlyInAnyOrderElementsOf(anyAccount);
        }
    }

    @Test
    void theOtherAccountsMayDoNoMoreThanAnyAccount() {
        AppliedRbac rbac = AppliedRbac.apply(Map.of());
        String namespace = rbac.namespace();
        List<String> anyAccount;
        try (KubernetesClient nobody = rbac.account("nobody")) {
            anyAccount = rules(nobody, namespace);
        }

        for (String component : List.of("router", "storage-node")) {
            try (KubernetesClient account = rbac.as(component)) {
                assertThat(rules(account, namespace)).as(component).containsExactlyInAnyOrderElementsOf(anyAccount);
                assertMay(account, namespace, false, "get pods", "list secrets", "get virtualdatabases.strata.io",
                        "create pods/exec", "get configmaps");
                assertMay(account, null, false, "list nodes", "create persistentvolumes");
                assertRefused(() -> account.pods().inNamespace(namespace).list());
            }
        }
    }

    @Test
    void theCatalogMayDriveItsResourcesAndNothingElseAndWithoutItsOperatorNothing() {
        AppliedRbac rbac = AppliedRbac.apply(Map.of(), "elsewhere");
        AppliedRbac noOperator = AppliedRbac.apply(Map.of("catalog.operator", false));

        try (KubernetesClient catalog = rbac.as("catalog"); KubernetesClient without = noOperator.as("catalog")) {
            assertMay(catalog, rbac.namespace(), true, POD_OPERATOR);
            assertMay(catalog, rbac.namespace(), false, "get virtualdatabases.strata.io", "get secrets",
                    "get pods", "create pods/exec", "delete datapods.strata.io", "create datapods.strata.io");
            assertMay(catalog, "elsewhere", false, POD_OPERATOR);
            assertMay(catalog, null, false, "list nodes", "create persistentvolumes");
            assertMay(without, noOperator.namespace(), false, POD_OPERATOR);
        }
    }

    @Test
    void withNamedNamespacesTheRulesHoldThereAndNotInTheReleasesNamespace() {
        String apps = "apps-" + UUID.randomUUID().toString().substring(0, 8);
        AppliedRbac rbac = AppliedRbac.apply(Map.of("kubernetes.namespaces", List.of(apps),
                "provisioning.nfsClients", List.of("10.0.0.0/16")), apps);

        try (KubernetesClient provisioning = rbac.as("provisioning"); KubernetesClient ingest = rbac.as("ingest")) {
            assertMay(provisioning, apps, true, OPERATOR);
            assertMay(provisioning, rbac.namespace(), false, OPERATOR);
            assertMay(ingest, apps, true, EXEC);
            assertMay(ingest, rbac.namespace(), false, EXEC);
            // Told the NFS clients, it lists no nodes.
            assertMay(provisioning, null, false, "list nodes");
            assertMay(provisioning, null, true, "create persistentvolumes");
        }
    }

    @Test
    void withAllNamespacesTheRulesHoldInAnyNamespaceAndWithoutTheOperatorNoVirtualDatabases() {
        AppliedRbac everywhere = AppliedRbac.apply(Map.of("kubernetes.allNamespaces", true), "elsewhere");
        AppliedRbac noOperator = AppliedRbac.apply(Map.of("provisioning.operator", false));

        try (KubernetesClient provisioning = everywhere.as("provisioning");
                KubernetesClient ingest = everywhere.as("ingest")) {
            assertMay(provisioning, "elsewhere", true, OPERATOR);
            assertMay(ingest, "elsewhere", true, EXEC);
            assertMay(ingest, "elsewhere", true, ENGINE_WORKLOADS);
            assertMay(ingest, "elsewhere", false, "list secrets", "create services");
        }
        try (KubernetesClient provisioning = noOperator.as("provisioning")) {
            assertMay(provisioning, noOperator.namespace(), true, CLAIMS);
            // Virtual databases in pods are made over REST too.
            assertMay(provisioning, noOperator.namespace(), true, ENGINE_WORKLOADS);
            assertMay(provisioning, noOperator.namespace(), true, SERVICES);
            assertMay(provisioning, noOperator.namespace(), false, OPERATOR);
        }
    }

    /** The resource rules an account has in a namespace, as the API server lists them. */
    private static List<String> rules(KubernetesClient account, String namespace) {
        return account.authorization().v1().selfSubjectRulesReview().create(new SelfSubjectRulesReviewBuilder()
                .withNewSpec().withNamespace(namespace).endSpec().build()).getStatus().getResourceRules().stream()
                .map(rule -> rule.getVerbs() + " " + rule.getApiGroups() + " " + rule.getResources() + " "
                        + rule.getResourceNames())
                .toList();
    }

    private static void assertRefused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class, refused -> assertThat(
                refused.getCode()).isEqualTo(403));
    }

    private static GenericKubernetesResource virtualDatabase() {
        return new GenericKubernetesResourceBuilder().withApiVersion("strata.io/v1alpha1").withKind("VirtualDatabase")
                .withNewMetadata().withName("qa1").endMetadata().withAdditionalProperties(Map.of("spec", Map.of(
                        "from", Map.of("dataset", "clinic"))))
                .build();
    }
}
