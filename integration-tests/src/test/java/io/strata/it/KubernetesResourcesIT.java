package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.restassured.path.json.JsonPath;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.kubernetes.v1alpha1.VirtualDatabase;
import io.strata.testing.KafkaBroker;
import io.strata.testing.KubeApiServer;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * Strata's custom resources against a real API server, converged by the provisioning and catalog services' operators:
 * {@code kubectl apply} of a VirtualDatabase gives a running virtual database of a linked PostgreSQL source, Ready
 * with a Secret an application connects with; refused specs (by the schema, or Ready=False with what is wrong); an
 * unchanged resource left alone across an operator restart; a restart mid-provision makes no second one; VdbRefresh
 * and VdbRewind run once; a DataPod, its Bookmark and a PodReset give the destructive-test loop; delete gives
 * everything back. The operators run as the ServiceAccounts of the plain manifests (the chart rendered), with their RBAC.
 */
class KubernetesResourcesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Path EXAMPLE = ServiceProcess.repositoryRoot().resolve(
            "examples/kubernetes/virtualdatabase.yaml");

    private static StrataHome home;
    private static PostgresCluster source;
    private static KubeApiServer kube;
    private static KubernetesClient admin;
    private static String namespace;
    private static String brokerPrefix;
    private static String sourceId;
    private static Map<String, String> provisioningConfig;
    private static ServiceProcess snapshot;
    private static ServiceProcess provisioning;
    private static ServiceProcess ingest;
    private static ServiceProcess catalog;

    @BeforeAll
    static void start() {
        kube = KubeApiServer.shared();
        admin = kube.client();
        kube.kubectl("apply", "-f", ServiceProcess.repositoryRoot().resolve("deploy/kubernetes/00-crds").toString());
        kube.kubectl("wait", "--for=condition=Established", "crd/virtualdatabases.strata.io",
                "crd/vdbrefreshes.strata.io", "crd/vdbrewinds.strata.io", "crd/datapods.strata.io",
                "crd/podresets.strata.io", "crd/podundoes.strata.io", "crd/podrestores.strata.io",
                "crd/podactivates.strata.io", "crd/podrefreshes.strata.io", "crd/vdbsnapshots.strata.io",
                "crd/bookmarks.strata.io", "--timeout=60s");
        // The plain manifests' namespace, accounts and RBAC: the operators run as the chart's ServiceAccounts, so
        // what they do here is what those accounts are allowed (a missing rule fails these tests with a 403).
        namespace = "strata";
        Path manifests = ServiceProcess.repositoryRoot().resolve("deploy/kubernetes");
        kube.kubectl("apply", "-f", manifests.resolve("01-namespace.yaml").toString(), "-f", manifests.resolve(
                "10-rbac.yaml").toString());

        home = StrataHome.create();
        PostgresCluster state = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        brokerPrefix = Backbone.freshPrefix();
        source = ClinicSource.start("linked");
        snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, brokerPrefix)
                .with(Map.of(
                        "strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs",
                        "strata.snapshot.pool.size",
                        "4G", "strata.snapshot.nfs.port", String.valueOf(Ports.free())))
                .start();
        int ports = Ports.range(40);
        provisioningConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        provisioningConfig.putAll(Map.of("strata.home", home.toString(), "strata.provisioning.ports", ports + "-"
                + (ports + 19), "kubeconfig",
                kube.serviceAccountKubeconfig(namespace, "strata-provisioning").toString(),
                "strata.kubernetes.operator", "true",
                "quarkus.operator-sdk.namespaces", namespace,
                "quarkus.log.category.\"io.javaoperatorsdk\".level", "DEBUG"));
        // No node runs here to read the addresses allowed to mount the exports from; a pod's readiness is looked at
        // every second.
        provisioningConfig.putAll(Map.of("strata.provisioning.kubernetes.nfs-clients", "127.0.0.1",
                "strata.kubernetes.pod-poll", "1s"));
        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig)
                .withBroker(broker, brokerPrefix)
                .start();
        catalog = ServiceProcess.of("catalog-service").withDatabase(state).withBroker(broker, brokerPrefix).with(Map.of(
                "kubeconfig", kube.serviceAccountKubeconfig(namespace, "strata-catalog").toString(),
                "strata.kubernetes.operator", "true", "quarkus.operator-sdk.namespaces", namespace)).start();
        ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(broker, brokerPrefix).with(Map.of(
                "strata.home", home.toString(), "strata.ingest.staging.ports", (ports + 20) + "-" + (ports + 39),
                "kubeconfig", kube.serviceAccountKubeconfig(namespace, "strata-ingest").toString())).start();
        sourceId = ClinicSource.link(ingest, source, PATIENCE);
    }

    @AfterAll
    static void stop() {
        try {
            for (ServiceProcess service : new ServiceProcess[]{ingest, catalog, provisioning, snapshot}) {
                if (service != null) {
                    service.stop();
                }
            }
            if (admin != null) {
                admin.namespaces().withName(namespace).delete();
                admin.close();
            }
            Processes.run(30, List.of("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true"));
        } finally {
            source.close();
            home.close();
        }
    }

    private static VirtualDatabase get(String name) {
        return admin.resources(VirtualDatabase.class).inNamespace(namespace).withName(name).get();
    }

    private static Condition ready(String name) {
        VirtualDatabase resource = get(name);
        return resource == null || resource.getStatus() == null
                ? null
                : StatusConditions.find(resource.getStatus().getConditions(), StrataResources.READY);
    }

    private static String apply(String yaml) throws Exception {
        Path file = Files.createTempFile(home.path(), "vdb", ".yaml");
        Files.writeString(file, yaml);
        return kube.kubectl("apply", "-n", namespace, "-f", file.toString());
    }

    /** {@code kubectl wait --for=condition=Ready}; on a time-out, the resource as it is then. */
    private static void awaitReady(String name) {
        awaitCondition(name, StrataResources.READY);
    }

    /** A connection to a VirtualDatabase's database, with what its Secret says. */
    private static Connection connect(String name) throws Exception {
        Secret secret = admin.secrets().inNamespace(namespace).withName(name + "-credentials").get();
        return DriverManager.getConnection("jdbc:postgresql://" + secretValue(secret, "host") + ":" + secretValue(
                secret, "port") + "/" + secretValue(secret, "database"), secretValue(secret, "username"),
                secretValue(secret, "password"));
    }

    private static List<String> notes(String name) throws Exception {
        List<String> notes = new ArrayList<>();
        try (Connection connection = connect(name);
                ResultSet rows = connection.createStatement().executeQuery(
                        "select note from visits order by id")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }

    /** Applies an action resource and waits for its condition Complete; its status then. */
    private static ActionStatus act(String kind, String name, String spec) throws Exception {
        apply("apiVersion: strata.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n"
                + spec);
        return awaitComplete(kind.toLowerCase(java.util.Locale.ROOT) + "/" + name);
    }

    /** Applies the example action resource of that file, as a user copies it, and waits for it to complete. */
    private static ActionStatus actAsInExample(String file, String resource) {
        kube.kubectl("apply", "-n", namespace, "-f", EXAMPLE.resolveSibling(file).toString());
        return awaitComplete(resource);
    }

    private static ActionStatus awaitComplete(String resource) {
        try {
            kube.kubectl("wait", "-n", namespace, "--for=condition=Complete", resource, "--timeout=180s");
        } catch (IllegalStateException e) {
            throw new AssertionError(resource + " is not Complete: " + kube.kubectl("get", "-n", namespace, "-o",
                    "yaml", resource) + "\nprovisioning: " + provisioning.logTail() + "\ncatalog: "
                    + catalog
                            .logTail(),
                    e);
        }
        return admin.getKubernetesSerialization().unmarshal(kube.kubectl("get", "-n", namespace, "-o",
                "jsonpath={.status}", resource), ActionStatus.class);
    }

    private static String secretValue(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void theExampleBecomesARunningVirtualDatabaseWithItsCredentialsInASecret() throws Exception {
        kube.kubectl("apply", "-n", namespace, "-f", EXAMPLE.toString());
        awaitReady("clinic-qa");

        VirtualDatabase resource = get("clinic-qa");
        assertThat(resource.getStatus().getState()).isEqualTo("RUNNING");
        assertThat(resource.getStatus().getObservedGeneration()).isEqualTo(resource.getMetadata().getGeneration());
        assertThat(resource.getMetadata().getFinalizers()).contains(StrataResources.FINALIZER);
        Secret secret = admin.secrets().inNamespace(namespace).withName("clinic-qa-credentials").get();
        assertThat(resource.getStatus().getCredentialsSecret()).isEqualTo("clinic-qa-credentials");
        String url = "jdbc:postgresql://" + secretValue(secret, "host") + ":" + secretValue(secret, "port") + "/"
                + secretValue(secret, "database");
        try (Connection connection = DriverManager.getConnection(url, secretValue(secret, "username"),
                secretValue(secret, "password"));
                ResultSet rows = connection.createStatement().executeQuery(
                        "select note from visits")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("linked");
        }
        // The same thing over REST: its name, and no second one however often it is reconciled.
        JsonPath vdb = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + resource.getStatus().getId())
                .then().statusCode(200).extract().jsonPath();
        assertThat(vdb.getString("name")).isEqualTo("clinic-qa");
        assertThat(kube.kubectl("get", "-n", namespace, "virtualdatabases")).contains("clinic-qa").contains("True")
                .contains("RUNNING");
        assertThat(kube.kubectl("explain", "virtualdatabase.spec.from")).contains("dataset").contains("bookmark")
                .contains("timestamp");
        // The example action: a refresh of it, once.
        kube.kubectl("apply", "-n", namespace, "-f", EXAMPLE.resolveSibling("vdbrefresh.yaml").toString());
        kube.kubectl("wait", "-n", namespace, "--for=condition=Complete", "vdbrefresh/clinic-qa-refresh",
                "--timeout=180s");
        assertThat(kube.kubectl("get", "-n", namespace, "vdbrefresh/clinic-qa-refresh")).contains("SUCCEEDED");
        awaitReady("clinic-qa");
    }

    @Test
    void aSpecTheSchemaRefusesIsNotStoredAndOneTheServiceRefusesSaysWhy() throws Exception {
        assertThatThrownBy(() -> apply(resource("privileged", "    dataset: clinic\n", "  port: 80\n")))
                .hasMessageContaining("spec.port");
        assertThat(get("privileged")).isNull();

        apply(resource("two-origins", "    dataset: clinic\n    snapshot: snap-1\n", ""));
        apply(resource("nowhere", "    dataset: no-such-source\n", ""));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(ready("two-origins")).isNotNull();
            assertThat(ready("two-origins").getStatus()).isEqualTo("False");
            assertThat(ready("two-origins").getReason()).isEqualTo("InvalidSpec");
            assertThat(ready("two-origins").getMessage()).contains("either from.snapshot or from.dataset");
            assertThat(ready("nowhere")).isNotNull();
            assertThat(ready("nowhere").getReason()).isEqualTo("NotFound");
            assertThat(ready("nowhere").getMessage()).contains("no-such-source");
        });
        // Refused: nothing made, and deleting the resource is not held up by its finalizer.
        kube.kubectl("delete", "-n", namespace, "virtualdatabase", "two-origins", "nowhere", "--timeout=60s");
        assertThat(get("two-origins")).isNull();
        assertThat(given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs").then().extract().jsonPath()
                .getList("name", String.class)).doesNotContain("two-origins", "nowhere");
    }

    @Test
    void anOperatorRestartedMidProvisionMakesNoSecondOneAndLeavesAReadyOneUnwritten() throws Exception {
        apply(resource("restarted", "    dataset: clinic\n", ""));
        await().atMost(PATIENCE).until(() -> get("restarted").getStatus() != null && get("restarted").getStatus()
                .getId() != null);
        provisioning.kill();
        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(
                KafkaBroker.shared(), brokerPrefix).start();
        awaitReady("restarted");
        assertThat(given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs").then().extract().jsonPath()
                .getList("name", String.class)).containsOnlyOnce("restarted");

        // Ready and unchanged: another restart reconciles it again and writes nothing.
        String version = get("restarted").getMetadata().getResourceVersion();
        String secretVersion = admin.secrets().inNamespace(namespace).withName("restarted-credentials").get()
                .getMetadata().getResourceVersion();
        provisioning.stop();
        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(
                KafkaBroker.shared(), brokerPrefix).start();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("restarted").getMetadata().getResourceVersion()).isEqualTo(version);
            assertThat(admin.secrets().inNamespace(namespace).withName("restarted-credentials").get()
                    .getMetadata().getResourceVersion()).isEqualTo(secretVersion);
        });
        assertThat(provisioning.log()).contains("VirtualDatabase " + namespace + "/restarted: unchanged");
    }

    @Test
    void deletingTheResourceDeletesTheVirtualDatabaseItsCloneAndItsSecretAndRestCannotDeleteIt() throws Exception {
        apply(resource("doomed", "    dataset: clinic\n", ""));
        awaitReady("doomed");
        String id = get("doomed").getStatus().getId();
        given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + id).then().statusCode(409).body(
                "detail", containsString("kubectl delete virtualdatabase -n " + namespace
                        + " doomed"));

        kube.kubectl("delete", "-n", namespace, "virtualdatabase", "doomed", "--timeout=120s");

        assertThat(get("doomed")).isNull();
        assertThat(admin.secrets().inNamespace(namespace).withName("doomed-credentials").get()).isNull();
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + id).then().statusCode(404);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(snapshot.baseUrl()).queryParam(
                "dataset", id).get("/api/v1/volumes").then().extract().jsonPath().getList("id")).isEmpty());
    }

    @Test
    void actionResourcesRefreshAndRewindAVirtualDatabaseOnceEach() throws Exception {
        apply(resource("acted", "    dataset: clinic\n", ""));
        awaitReady("acted");
        source.execute("clinic", "insert into visits (note) values ('synced later')");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        Jobs.awaitEnd(ingest, sync, "SUCCEEDED", PATIENCE);

        ActionStatus refreshed = act("VdbRefresh", "acted-refresh", "  virtualDatabase: acted\n");
        assertThat(refreshed.getJobState()).isEqualTo("SUCCEEDED");
        assertThat(notes("acted")).containsExactly("linked", "synced later");

        java.time.Instant moment = VirtualDatabaseIT.clockPast(java.time.Instant.now().plusMillis(1100));
        VirtualDatabaseIT.clockPast(moment.plusMillis(1100));
        try (Connection connection = connect("acted")) {
            connection.createStatement().execute("insert into visits (note) values ('a mistake')");
        }
        ActionStatus rewound = act("VdbRewind", "acted-rewind", "  virtualDatabase: acted\n  timestamp: \""
                + moment + "\"\n");
        assertThat(rewound.getJobState()).isEqualTo("SUCCEEDED");
        assertThat(notes("acted")).containsExactly("linked", "synced later");

        // A snapshot made by a resource names itself in the status, and a rewind goes back to it.
        try (Connection connection = connect("acted")) {
            connection.createStatement().execute("insert into visits (note) values ('kept')");
        }
        ActionStatus snapshotted = act("VdbSnapshot", "acted-snapshot", "  virtualDatabase: acted\n");
        assertThat(snapshotted.getSnapshot()).startsWith("snap");
        given().baseUri(snapshot.baseUrl()).get("/api/v1/snapshots/" + snapshotted.getSnapshot()).then().statusCode(
                200);
        try (Connection connection = connect("acted")) {
            connection.createStatement().execute("insert into visits (note) values ('another mistake')");
        }
        ActionStatus rewoundToSnapshot = act("VdbRewind", "acted-rewind-to-snapshot", "  virtualDatabase: acted\n"
                + "  snapshot: " + snapshotted.getSnapshot() + "\n");
        assertThat(rewoundToSnapshot.getJobState()).isEqualTo("SUCCEEDED");
        assertThat(notes("acted")).containsExactly("linked", "synced later", "kept");

        // Run once: a restarted operator finds their jobs and starts no other.
        provisioning.stop();
        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(
                KafkaBroker.shared(), brokerPrefix).start();
        String vdbId = get("acted").getStatus().getId();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                given().baseUri(provisioning.baseUrl()).queryParam("resource", vdbId).get("/api/v1/jobs").then()
                        .statusCode(200).extract().jsonPath().getList("id", String.class))
                .containsOnlyOnce(
                        refreshed.getJobId(), rewound.getJobId(), snapshotted.getJobId(), rewoundToSnapshot
                                .getJobId())
                .hasSize(5));

        apply("apiVersion: strata.io/v1alpha1\nkind: VdbRefresh\nmetadata:\n  name: of-nothing\nspec:\n"
                + "  virtualDatabase: not-there\n");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(kube.kubectl("get", "-n", namespace,
                "vdbrefresh/of-nothing", "-o", "jsonpath={.status.conditions[0].reason}")).isEqualTo("NotFound"));
    }

    @Test
    void aDataPodIsBookmarkedAndResetByResourcesAndDeletingThemDeletesThem() throws Exception {
        given().baseUri(catalog.baseUrl()).contentType("application/json").body(Map.of("name", "clinic-apps",
                "datasets", List.of(sourceId))).post("/api/v1/templates").then().statusCode(201);
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(catalog.baseUrl()).get(
                "/api/v1/templates/clinic-apps/point").then().statusCode(200));
        kube.kubectl("apply", "-n", namespace, "-f", EXAMPLE.resolveSibling("datapod.yaml").toString());
        try {
            kube.kubectl("wait", "-n", namespace, "--for=condition=Ready", "datapod/qa-pod", "--timeout=180s");
        } catch (IllegalStateException e) {
            throw new AssertionError(kube.kubectl("get", "-n", namespace, "-o", "yaml", "datapod/qa-pod")
                    + "\ncatalog: " + catalog.logTail(), e);
        }
        io.strata.kubernetes.v1alpha1.DataPod pod = admin.resources(io.strata.kubernetes.v1alpha1.DataPod.class)
                .inNamespace(namespace).withName("qa-pod").get();
        assertThat(pod.getStatus().getVirtualDatabases()).hasSize(1);
        String vdbId = pod.getStatus().getVirtualDatabases().get(0).getId();
        // Its virtual database's credentials are in the Secret the status names, as the REST API gives them.
        String vdbName = pod.getStatus().getVirtualDatabases().get(0).getName();
        assertThat(pod.getStatus().getVirtualDatabases().get(0).getCredentialsSecret()).isEqualTo(vdbName
                + "-credentials");
        Map<String, String> credentials = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId
                + "/credentials").then().statusCode(200).extract().jsonPath().getMap("$");
        await().atMost(PATIENCE).until(() -> admin.secrets().inNamespace(namespace).withName(vdbName
                + "-credentials").get() != null);
        assertThat(secretValue(admin.secrets().inNamespace(namespace).withName(vdbName + "-credentials").get(),
                "password")).isEqualTo(credentials.get("password"));
        kube.kubectl("apply", "-n", namespace, "-f", EXAMPLE.resolveSibling("bookmark.yaml").toString());
        kube.kubectl("wait", "-n", namespace, "--for=condition=Ready", "bookmarks.strata.io/qa-pod-before-test",
                "--timeout=180s");
        String bookmarkId = kube.kubectl("get", "-n", namespace, "bookmarks.strata.io/qa-pod-before-test", "-o",
                "jsonpath={.status.id}").trim();
        given().baseUri(catalog.baseUrl()).get("/api/v1/bookmarks/" + bookmarkId).then().statusCode(200).body(
                "pod", org.hamcrest.Matchers.equalTo(pod.getStatus().getId()));
        try (Connection connection = connect(vdbName)) {
            connection.createStatement().execute("delete from visits");
        }

        kube.kubectl("apply", "-n", namespace, "-f", EXAMPLE.resolveSibling("podreset.yaml").toString());
        kube.kubectl("wait", "-n", namespace, "--for=condition=Complete", "podreset/qa-pod-reset",
                "--timeout=180s");
        try (Connection connection = connect(vdbName);
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from visits")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the rows deleted by the destructive test are back").isPositive();
        }
        morePodActions(vdbName, pod.getStatus().getId());
        given().baseUri(catalog.baseUrl()).delete("/api/v1/bookmarks/" + bookmarkId).then().statusCode(409);
        kube.kubectl("delete", "-n", namespace, "bookmarks.strata.io", "qa-pod-before-test", "--timeout=120s");
        given().baseUri(catalog.baseUrl()).get("/api/v1/bookmarks/" + bookmarkId).then().statusCode(404);
        given().baseUri(catalog.baseUrl()).delete("/api/v1/datapods/qa-pod").then().statusCode(409).body("detail",
                containsString("kubectl delete datapod -n " + namespace + " qa-pod"));

        kube.kubectl("delete", "-n", namespace, "datapod", "qa-pod", "--timeout=180s");
        given().baseUri(catalog.baseUrl()).get("/api/v1/datapods/" + pod.getStatus().getId()).then().statusCode(404);
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/"
                + vdbId).then().statusCode(404));
        await().atMost(PATIENCE).until(() -> admin.secrets().inNamespace(namespace).withName(vdbName
                + "-credentials").get() == null);
    }

    /**
     * The other one-shot actions on a data pod, from the examples: undo of the reset, restore to the bookmark, a
     * branch made from it and activated, then a refresh, each moving the pod's virtual database.
     */
    private static void morePodActions(String vdbName, String podId) throws Exception {
        assertThat(actAsInExample("podundo.yaml", "podundo/qa-pod-undo").getJobState()).isEqualTo("SUCCEEDED");
        assertThat(visitCount(vdbName)).as("the undo brings back what the reset replaced").isZero();
        assertThat(actAsInExample("podrestore.yaml", "podrestore/qa-pod-restore").getTarget()).isEqualTo(podId);
        assertThat(visitCount(vdbName)).as("restored onto the bookmark").isPositive();

        try (Connection connection = connect(vdbName)) {
            connection.createStatement().execute("insert into visits (note) values ('on main')");
        }
        actAsInExample("podactivate.yaml", "podactivate/qa-pod-bug-1234");
        assertThat(given().baseUri(catalog.baseUrl()).get("/api/v1/datapods/" + podId + "/branches").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.active }.name")).containsExactly(
                        "bug-1234");
        assertThat(notes(vdbName)).as("the new branch starts at the bookmark").doesNotContain("on main");
        ActionStatus back = act("PodActivate", "qa-pod-main", "  dataPod: qa-pod\n  branch: main\n");
        assertThat(back.getJobState()).isEqualTo("SUCCEEDED");
        assertThat(notes(vdbName)).as("main kept what it held when it was left").contains("on main");
        apply("apiVersion: strata.io/v1alpha1\nkind: PodActivate\nmetadata:\n  name: qa-pod-main-again\nspec:\n"
                + "  dataPod: qa-pod\n  branch: main\n");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(kube.kubectl("get", "-n", namespace,
                "podactivate/qa-pod-main-again", "-o", "jsonpath={.status.conditions[0].message}")).contains(
                        "active branch already"));

        assertThat(act("PodRefresh", "qa-pod-refresh", "  dataPod: qa-pod\n").getJobState()).isEqualTo(
                "SUCCEEDED");
    }

    private static int visitCount(String vdbName) throws Exception {
        try (Connection connection = connect(vdbName);
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from visits")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aChangedSpecFromRefreshesTheVirtualDatabaseOnceAndATimeIsRefused() throws Exception {
        apply(resource("followed", "    dataset: clinic\n", ""));
        awaitReady("followed");
        String sync = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        Jobs.awaitEnd(ingest, sync, "SUCCEEDED", PATIENCE);
        List<Map<String, Object>> snapshots = given().baseUri(snapshot.baseUrl()).get("/api/v1/datasets/" + sourceId
                + "/snapshots").then().statusCode(200).extract().jsonPath().getList("$");
        String newest = (String) snapshots.stream().max(java.util.Comparator.comparing(view -> java.time.Instant
                .parse((String) view.get("createdAt")))).orElseThrow().get("id");
        assertThat(get("followed").getStatus().getSnapshot()).isNotEqualTo(newest);

        apply(resource("followed", "    snapshot: " + newest + "\n", ""));
        await().atMost(PATIENCE).untilAsserted(() -> {
            VirtualDatabase followed = get("followed");
            assertThat(followed.getStatus().getSnapshot()).isEqualTo(newest);
            assertThat(followed.getStatus().getFrom().getSnapshot()).isEqualTo(newest);
            assertThat(StatusConditions.isTrue(followed.getStatus(), StrataResources.SPEC_APPLIED)).isTrue();
        });
        awaitReady("followed");
        String vdbId = get("followed").getStatus().getId();
        List<String> jobs = given().baseUri(provisioning.baseUrl()).queryParam("resource", vdbId).get("/api/v1/jobs")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class);
        assertThat(jobs).as("provisioned, then refreshed once").hasSize(2);

        apply(resource("followed", "    dataset: clinic\n    timestamp: \"2026-01-01T00:00:00Z\"\n", ""));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Condition applied = StatusConditions.find(get("followed").getStatus().getConditions(),
                    StrataResources.SPEC_APPLIED);
            assertThat(applied.getStatus()).isEqualTo("False");
            assertThat(applied.getMessage()).contains("point in time");
        });
        assertThat(given().baseUri(provisioning.baseUrl()).queryParam("resource", vdbId).get("/api/v1/jobs").then()
                .extract().jsonPath().getList("id", String.class))
                .as("nothing started for a spec that cannot be applied")
                .containsExactlyInAnyOrderElementsOf(jobs);
    }

    @Test
    void aVirtualDatabaseInAPodGetsAClaimAStatefulSetAServiceAndASecretMovesClaimsAndGivesThemBack()
            throws Exception {
        kube.kubectl("apply", "-n", namespace, "-f", EXAMPLE.resolveSibling("virtualdatabase-in-pod.yaml").toString());
        awaitCondition("clinic-pod", StrataResources.PROVISIONED);
        VirtualDatabase resource = get("clinic-pod");
        String vdbId = resource.getStatus().getId();
        String claim = resource.getStatus().getClaim();
        assertThat(resource.getStatus().getService()).isEqualTo("vdb-clinic-pod");
        assertThat(resource.getStatus().getNamespace()).isEqualTo(namespace);
        // No kubelet runs here: the pod is never ready, and Ready says so.
        assertThat(ready("clinic-pod").getStatus()).isEqualTo("False");
        assertThat(ready("clinic-pod").getReason()).isEqualTo("PodNotReady");
        assertThat(ready("clinic-pod").getMessage()).contains("kubectl describe pod vdb-clinic-pod-0 -n " + namespace);

        PodObjects objects = PodObjects.of(admin, namespace, "vdb-clinic-pod", claim);
        assertThat(objects.volume().getSpec().getNfs().getPath()).isNotBlank();
        assertThat(objects.volume().getSpec().getClaimRef().getName()).isEqualTo(claim);
        assertThat(objects.claim().getSpec().getVolumeName()).isEqualTo(claim);
        var pod = objects.statefulSet().getSpec().getTemplate().getSpec();
        assertThat(objects.statefulSet().getSpec().getReplicas()).isEqualTo(1);
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("postgres:15");
        assertThat(pod.getContainers().get(0).getCommand()).startsWith("postgres", "-D", "/var/lib/strata/data")
                .contains("listen_addresses=*", "hba_file=/var/lib/strata/run/pg_hba.conf");
        assertThat(pod.getInitContainers().get(0).getCommand().get(2)).contains("standby.signal", "--single");
        assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo(claim);
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the owner of the clone's files").isEqualTo(
                Long.parseLong(Processes.run(10, List.of("id", "-u", "postgres")).strip()));
        assertThat(objects.service().getSpec().getSelector()).containsEntry("strata.io/vdb", vdbId);
        assertThat(objects.service().getSpec().getPorts().get(0).getPort()).isEqualTo(5432);
        Map<String, String> credentials = given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId
                + "/credentials").then().statusCode(200).extract().jsonPath().getMap("$");
        Secret secret = objects.secret();
        assertThat(resource.getStatus().getCredentialsSecret()).isEqualTo(secret.getMetadata().getName());
        assertThat(secretValue(secret, "host")).isEqualTo("vdb-clinic-pod." + namespace + ".svc");
        assertThat(secretValue(secret, "password")).isEqualTo(credentials.get("password"));
        assertThat(secretValue(secret, "username")).isEqualTo(credentials.get("user"));
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId).then().statusCode(200).body(
                "connection.host", org.hamcrest.Matchers.equalTo("vdb-clinic-pod." + namespace + ".svc"));

        // The kubelet's part, played by the test: the StatefulSet reports its pod ready, and so does the resource.
        admin.apps().statefulSets().inNamespace(namespace).withName("vdb-clinic-pod").editStatus(set -> {
            set.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(1)
                    .withReadyReplicas(1).build());
            return set;
        });
        awaitReady("clinic-pod");
        assertThat(get("clinic-pod").getStatus().getReadyPods()).isEqualTo(1);

        // A refresh points the same StatefulSet and Service at a new clone's claim; the old claim and volume go.
        act("VdbRefresh", "clinic-pod-refresh", "  virtualDatabase: clinic-pod\n");
        await().atMost(PATIENCE).until(() -> !claim.equals(get("clinic-pod").getStatus().getClaim()));
        String newClaim = get("clinic-pod").getStatus().getClaim();
        PodObjects refreshed = PodObjects.of(admin, namespace, "vdb-clinic-pod", newClaim);
        assertThat(refreshed.statefulSet().getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getPersistentVolumeClaim().getClaimName()).isEqualTo(newClaim);
        assertThat(refreshed.statefulSet().getSpec().getReplicas()).isEqualTo(1);
        assertThat(refreshed.service().getMetadata().getUid()).isEqualTo(objects.service().getMetadata().getUid());
        assertThat(refreshed.left()).hasSize(5);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(PodObjects.of(admin, namespace, "vdb-clinic-pod",
                claim).left()).as("the old claim and volume").hasSize(3));

        kube.kubectl("delete", "-n", namespace, "virtualdatabase", "clinic-pod", "--timeout=120s");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(PodObjects.of(admin, namespace, "vdb-clinic-pod",
                newClaim).left()).isEmpty());
        given().baseUri(provisioning.baseUrl()).get("/api/v1/vdbs/" + vdbId).then().statusCode(404);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(snapshot.baseUrl()).queryParam(
                "dataset", vdbId).get("/api/v1/volumes").then().extract().jsonPath().getList("id")).isEmpty());
    }

    @Test
    void aSourceStagedInAPodGetsAClaimASecretAndAStatefulSetAndAFailedLoadLeavesNothing() {
        source.execute("postgres", "create role stager login replication password 'st4ging-pw'");
        Map<String, Object> inPod = Map.of("kubernetes", Map.of("namespace", namespace));
        staged("refused", Map.of("environment", "local", "kubernetes", Map.of("namespace", namespace)), Map.of())
                .statusCode(400).body("detail", containsString("not both"));
        staged("refused", inPod, Map.of("logSync", true)).statusCode(400).body("detail", containsString(
                "logSync"));
        JsonPath linked = staged("staged", inPod, Map.of()).statusCode(202).extract().jsonPath();

        // The staging volume's claim, the Secret with the source's password, and a StatefulSet whose init
        // containers give the volume to the pod's user and load it.
        await().atMost(PATIENCE).until(() -> admin.apps().statefulSets().inNamespace(namespace).withName(
                "staging-staged").get() != null);
        var set = admin.apps().statefulSets().inNamespace(namespace).withName("staging-staged").get();
        var pod = set.getSpec().getTemplate().getSpec();
        String claim = pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName();
        PodObjects objects = PodObjects.of(admin, namespace, "staging-staged", claim);
        assertThat(objects.volume().getSpec().getNfs().getPath()).isNotBlank();
        assertThat(secretValue(objects.secret(), "password")).isEqualTo("st4ging-pw");
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(999L);
        assertThat(pod.getInitContainers().get(0).getCommand()).containsExactly("chown", "999:999",
                "/var/lib/strata/data");
        assertThat(pod.getInitContainers().get(0).getSecurityContext().getRunAsUser()).isZero();
        assertThat(pod.getInitContainers().get(1).getCommand().get(2)).contains("pg_basebackup", "standby.signal");
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("postgres:15");
        assertThat(pod.getContainers().get(0).getCommand()).contains("primary_slot_name=strata_" + linked.getString(
                "id").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"), "hot_standby=on");
        assertThat(pod.getContainers().get(0).getEnv().get(0).getValueFrom().getSecretKeyRef().getName()).isEqualTo(
                "staging-staged-credentials");
        assertThat(admin.getKubernetesSerialization().asYaml(set)).doesNotContain("st4ging-pw");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().baseUri(ingest.baseUrl()).get(
                "/api/v1/jobs/" + linked.getString("jobId")).then().extract().jsonPath().getString("step"))
                .contains("waiting for the staging pod"));

        // The kubelet's part, played by the test: the pod is reported ready, but no pod exists to sync in, so
        // the link fails, saying so, and gives back everything it made.
        admin.apps().statefulSets().inNamespace(namespace).withName("staging-staged").editStatus(current -> {
            current.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(1)
                    .withReadyReplicas(1).withObservedGeneration(current.getMetadata().getGeneration())
                    .withCurrentRevision("r1").withUpdateRevision("r1").build());
            return current;
        });
        JsonPath failed = Jobs.awaitEnd(ingest, linked.getString("jobId"), "FAILED", PATIENCE);
        assertThat(failed.getString("error")).contains("staging-staged-0");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(PodObjects.of(admin, namespace, "staging-staged",
                claim).left()).isEmpty());
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + linked.getString("id")).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("FAILED"));
    }

    /** {@code POST /sources} of the clinic database as {@code stager}, staged as {@code staging} says. */
    private static io.restassured.response.ValidatableResponse staged(String name, Map<String, Object> staging,
            Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "engine", "postgresql", "staging", staging,
                "connection", Map.of("host", "127.0.0.1", "port", source.port(), "database", "clinic", "user",
                        "stager", "password", "st4ging-pw")));
        body.putAll(more);
        return given().baseUri(ingest.baseUrl()).contentType("application/json").body(body).post("/api/v1/sources")
                .then().log().ifValidationFails();
    }

    @Test
    void aVirtualDatabaseInAPodRefusesHooksAndAPointInTime() throws Exception {
        apply(resource("pod-hooks", "    dataset: clinic\n", "  pod: {}\n  hooks:\n    postStart: 'true'\n"));
        apply(resource("pod-time", "    dataset: clinic\n    timestamp: \"2026-01-01T00:00:00Z\"\n", "  pod: {}\n"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(ready("pod-hooks")).isNotNull();
            assertThat(ready("pod-hooks").getMessage()).contains("runs no hooks");
            assertThat(ready("pod-time")).isNotNull();
            assertThat(ready("pod-time").getMessage()).contains("point in time");
        });
        kube.kubectl("delete", "-n", namespace, "virtualdatabase", "pod-hooks", "pod-time", "--timeout=60s");
        // The same rules over REST, and a namespace that cannot be one.
        for (Map<String, Object> target : List.<Map<String, Object>>of(Map.of("kubernetes", Map.of("namespace",
                "Not_A_Namespace")), Map.of("kubernetes", Map.of("namespace", namespace, "image", "x")), Map.of(
                        "environment", "local", "kubernetes", Map.of("namespace", namespace)))) {
            given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name", "rest-pod",
                    "from", Map.of("dataset", "clinic"), "target", target)).post("/api/v1/vdbs").then()
                    .statusCode(400).body("detail", containsString("target"));
        }
    }

    /** {@code kubectl wait --for=condition=<condition>}; on a time-out, the resource as it is then. */
    private static void awaitCondition(String name, String condition) {
        try {
            kube.kubectl("wait", "-n", namespace, "--for=condition=" + condition, "virtualdatabase/" + name,
                    "--timeout=180s");
        } catch (IllegalStateException e) {
            throw new AssertionError(name + " is not " + condition + ": " + kube.kubectl("get", "-n", namespace,
                    "-o", "yaml", "virtualdatabase/" + name) + "\nprovisioning: " + provisioning.logTail(), e);
        }
    }

    /** The objects of a virtual database in a pod, as the API server has them ({@code null}: absent). */
    private record PodObjects(io.fabric8.kubernetes.api.model.PersistentVolume volume,
            io.fabric8.kubernetes.api.model.PersistentVolumeClaim claim,
            io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet,
            io.fabric8.kubernetes.api.model.Service service,
            Secret secret) {

        static PodObjects of(KubernetesClient client, String namespace, String name, String claim) {
            return new PodObjects(client.persistentVolumes().withName(claim).get(), client.persistentVolumeClaims()
                    .inNamespace(namespace).withName(claim).get(),
                    client.apps().statefulSets().inNamespace(
                            namespace).withName(name).get(),
                    client.services().inNamespace(namespace).withName(name).get(), client.secrets().inNamespace(
                            namespace).withName(name + "-credentials").get());
        }

        /**
         * Those not gone or being deleted: a claim and a volume keep their protection finalizers until the controller
         * manager sees no pod use them, and none runs here.
         */
        List<io.fabric8.kubernetes.api.model.HasMetadata> left() {
            return java.util.stream.Stream.<io.fabric8.kubernetes.api.model.HasMetadata>of(volume, claim, statefulSet,
                    service, secret).filter(
                            java.util.Objects::nonNull)
                    .filter(object -> object.getMetadata().getDeletionTimestamp() == null)
                    .toList();
        }
    }

    /** A VirtualDatabase's YAML: its name, the lines under {@code from:}, and more lines of the spec. */
    private static String resource(String name, String from, String more) {
        return "apiVersion: strata.io/v1alpha1\nkind: VirtualDatabase\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  from:\n" + from + more;
    }
}
