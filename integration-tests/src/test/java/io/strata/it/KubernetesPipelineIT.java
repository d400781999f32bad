package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.strata.kubernetes.v1alpha1.Environment;
import io.strata.kubernetes.v1alpha1.MaskedDataset;
import io.strata.kubernetes.v1alpha1.MaskingRuleset;
import io.strata.kubernetes.v1alpha1.Source;
import io.strata.testing.KafkaBroker;
import io.strata.testing.KubeApiServer;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.SshServer;
import io.strata.testing.StrataHome;

/**
 * The data pipeline as custom resources on a real API server: an SSH Environment whose private key is in a Secret, a
 * PostgreSQL Source on it whose password is in a Secret, a MaskingRuleset and a MaskedDataset of the source, each
 * converged by its service's operator (ingest, masking) acting as the plain manifests' ServiceAccounts with their
 * RBAC; the first masked snapshot in the status; refused specs said in Ready; a ruleset's change as its next version;
 * REST refusing to delete what a resource made; and deleting the resources deleting everything.
 */
class KubernetesPipelineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(300);
    private static final String PASSWORD = "pipeline-" + UUID.randomUUID().toString().substring(0, 8);

    private static StrataHome home;
    private static PostgresCluster database;
    private static SshServer sshd;
    private static KubeResources resources;
    private static String namespace;
    private static ServiceProcess snapshot;
    private static ServiceProcess provisioning;
    private static ServiceProcess ingest;
    private static ServiceProcess masking;
    private static Map<String, String> maskingConfig;
    private static Map<String, String> ingestConfig;

    @BeforeAll
    static void start() {
        KubeApiServer kube = KubeApiServer.shared();
        kube.kubectl("apply", "-f", ServiceProcess.repositoryRoot().resolve("deploy/kubernetes/00-crds").toString());
        kube.kubectl("wait", "--for=condition=Established", "crd/environments.strata.io", "crd/sources.strata.io",
                "crd/maskingrulesets.strata.io", "crd/maskeddatasets.strata.io", "--timeout=60s");
        home = StrataHome.create();
        namespace = "pipeline-" + UUID.randomUUID().toString().substring(0, 6);
        resources = new KubeResources(kube, namespace, home.path());
        resources.applyManifestRbac();
        sshd = SshServer.start();
        database = PostgresCluster.start(Map.of());
        database.execute("postgres", "create database clinic", "create role app login replication password '"
                + PASSWORD + "'");
        database.execute("clinic", "create table patients (id serial primary key, first_name text, last_name text, "
                + "email text, phone text)",
                "insert into patients (first_name, last_name, email, phone) values "
                        + "('Ada', 'Lovelace', 'ada@example.com', '+44 20 7946 0000')",
                "grant select, insert, update, delete on all tables in schema public to app");

        PostgresCluster state = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        String prefix = Backbone.freshPrefix();
        int ports = Ports.range(60);
        snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, prefix).with(Map.of(
                "strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs", "strata.snapshot.pool.size",
                "4G", "strata.snapshot.nfs.port", String.valueOf(Ports.free()))).start();
        Map<String, String> provisioningConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        provisioningConfig.putAll(Map.of("strata.home", home.toString(), "strata.provisioning.ports", ports + "-"
                + (ports + 39)));
        provisioning = ServiceProcess.of("provisioning-service").with(provisioningConfig).withBroker(broker, prefix)
                .start();
        ingestConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        ingestConfig.putAll(operator("strata-ingest"));
        ingestConfig.putAll(Map.of("strata.home", home.toString(), "strata.ingest.staging.ports", (ports + 40) + "-"
                + (ports + 59), "strata.events.bootstrap-servers", broker.bootstrapServers(),
                "strata.events.topic-prefix", prefix));
        ingest = ServiceProcess.of("ingest-service").with(ingestConfig).start();
        maskingConfig = new HashMap<>(state.datasourceConfig(state.createDatabase()));
        maskingConfig.putAll(operator("strata-masking"));
        maskingConfig.putAll(Map.of("strata.home", home.toString(), "strata.events.bootstrap-servers", broker
                .bootstrapServers(), "strata.events.topic-prefix", prefix));
        masking = ServiceProcess.of("masking-service").with(maskingConfig).start();
    }

    /** What makes a service run its operator in the test's namespace, as the chart's ServiceAccount. */
    private static Map<String, String> operator(String account) {
        return Map.of("kubeconfig", KubeApiServer.shared().serviceAccountKubeconfig(namespace, account).toString(),
                "strata.kubernetes.operator", "true", "quarkus.operator-sdk.namespaces", namespace,
                "strata.kubernetes.status-refresh", "2s", "strata.kubernetes.not-found-retry", "2s");
    }

    @AfterAll
    static void stop() {
        try {
            for (ServiceProcess service : new ServiceProcess[]{masking, ingest, provisioning, snapshot}) {
                if (service != null) {
                    service.stop();
                }
            }
            Processes.run(30, List.of("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true"));
        } finally {
            resources.close();
            sshd.close();
            database.close();
            home.close();
        }
    }

    private static String environmentYaml() {
        return "apiVersion: strata.io/v1alpha1\nkind: Environment\nmetadata:\n  name: db-host\nspec:\n  kind: ssh\n"
                + "  host: 127.0.0.1\n  port: " + sshd.port() + "\n  user: root\n  hostKey: " + sshd.hostKey()
                + "\n  privateKeySecret:\n    name: db-host-ssh\n    key: id_ed25519\n";
    }

    private static String sourceYaml(String name, String secret) {
        return "apiVersion: strata.io/v1alpha1\nkind: Source\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  engine: postgresql\n  environment: db-host\n  connection:\n    host: 127.0.0.1\n    port: "
                + database.port() + "\n    database: clinic\n    user: app\n    passwordSecret:\n      name: " + secret
                + "\n      key: password\n";
    }

    private static String rulesetYaml(String name, String phoneAlgorithm) {
        return "apiVersion: strata.io/v1alpha1\nkind: MaskingRuleset\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  rules:\n    - table: patients\n      column: first_name\n      algorithm: secure-lookup\n"
                + "      params:\n        dictionary: first-names\n    - table: patients\n      column: email\n"
                + "      algorithm: email\n    - table: patients\n      column: phone\n      algorithm: \""
                + phoneAlgorithm + "\"\n";
    }

    private static String maskedDatasetYaml(String resetUsers) {
        return "apiVersion: strata.io/v1alpha1\nkind: MaskedDataset\nmetadata:\n  name: clinic-masked\nspec:\n"
                + "  source: clinic\n  ruleset: clinic-pii\n  resetUsers: " + resetUsers + "\n";
    }

    @Test
    void theResourcesBuildThePipelineSayWhatIsWrongAndDeletingThemDeletesIt() {
        resources.secret("db-host-ssh", "id_ed25519", sshd.privateKey());
        resources.secret("clinic-source", "password", PASSWORD);
        resources.apply(environmentYaml());
        resources.apply(sourceYaml("clinic", "clinic-source"));
        resources.awaitCondition("Environment", "db-host", "Ready", ingest);
        resources.awaitCondition("Source", "clinic", "Ready", ingest);

        Source source = resources.get(Source.class, "clinic");
        assertThat(source.getStatus().getState()).isEqualTo("ACTIVE");
        assertThat(source.getStatus().getLastSnapshot()).isNotNull();
        String environmentId = resources.get(Environment.class, "db-host").getStatus().getId();
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + source.getStatus().getId()).then().statusCode(200)
                .body("environment", org.hamcrest.Matchers.equalTo(environmentId));
        assertThat(resources.kubectl("get", "sources.strata.io", "clinic", "-o", "yaml")).doesNotContain(PASSWORD);
        // A sync policy may change once linked: the source's schedule follows.
        resources.apply(sourceYaml("clinic", "clinic-source") + "  syncPolicy:\n    cron: \"0 3 * * *\"\n");
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(ingest.baseUrl()).get("/api/v1/sources/"
                + source.getStatus().getId()).then().statusCode(200).body("syncPolicy", org.hamcrest.Matchers
                        .equalTo("0 3 * * *")));
        assertThat(ingest.log()).doesNotContain(PASSWORD);

        resources.apply(rulesetYaml("clinic-pii", "phone"));
        resources.apply(maskedDatasetYaml("true"));
        resources.awaitCondition("MaskingRuleset", "clinic-pii", "Ready", masking);
        resources.awaitCondition("MaskedDataset", "clinic-masked", "Ready", masking);
        MaskedDataset masked = resources.get(MaskedDataset.class, "clinic-masked");
        assertThat(masked.getStatus().getLatestSnapshot()).isNotNull();
        assertThat(masked.getStatus().getLastMasking()).isEqualTo("SUCCEEDED");
        assertThat(masked.getStatus().getSourceId()).isEqualTo(source.getStatus().getId());
        assertThat(resources.get(MaskingRuleset.class, "clinic-pii").getStatus().getVersion()).isEqualTo(1);

        aSubsetInTheSpecIsKeptWithEachSnapshot();
        aRestartedOperatorFindsWhatItMadeAndWritesNothing();
        anIngestOperatorKilledWhileItLinksLinksOnceAndRewritesNothing();
        rotatedSecretsReachTheSourceAndTheEnvironment(source.getStatus().getId());
        refusedSpecsAreSaidInReady();
        restCannotDeleteWhatAResourceMade(source.getStatus().getId(), masked.getStatus().getId());

        resources.kubectl("delete", "maskeddatasets.strata.io", "clinic-masked", "--timeout=180s");
        resources.kubectl("delete", "maskingrulesets.strata.io", "clinic-pii", "bad-rules", "--timeout=120s");
        resources.kubectl("delete", "sources.strata.io", "clinic", "unlinked", "staged-twice", "--timeout=180s");
        resources.kubectl("delete", "environments.strata.io", "db-host", "--timeout=120s");
        given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets/" + masked.getStatus().getId()).then()
                .statusCode(404);
        given().baseUri(masking.baseUrl()).get("/api/v1/rulesets/clinic-pii").then().statusCode(404);
        given().baseUri(ingest.baseUrl()).get("/api/v1/sources/" + source.getStatus().getId()).then().statusCode(404);
        given().baseUri(ingest.baseUrl()).get("/api/v1/environments/" + environmentId).then().statusCode(404);
    }

    private static void aSubsetInTheSpecIsKeptWithEachSnapshot() {
        resources.apply("apiVersion: strata.io/v1alpha1\nkind: MaskedDataset\nmetadata:\n  name: clinic-few\nspec:\n"
                + "  source: clinic\n  ruleset: clinic-pii\n  subset:\n    roots:\n      - table: patients\n"
                + "        where: id > 1\n");
        resources.awaitCondition("MaskedDataset", "clinic-few", "Ready", masking);
        MaskedDataset few = resources.get(MaskedDataset.class, "clinic-few");
        given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets/" + few.getStatus().getId()).then()
                .statusCode(200).body("subset.roots[0].table", org.hamcrest.Matchers.equalTo("patients"));
        List<Map<String, Object>> tables = given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets/"
                + few.getStatus().getId() + "/snapshots/" + few.getStatus().getLatestSnapshot() + "/report").then()
                .statusCode(200).extract().jsonPath().getList("subset.tables");
        assertThat(tables).filteredOn(table -> "patients".equals(table.get("table"))).singleElement().satisfies(
                patients -> {
                    assertThat(((Number) patients.get("rowsBefore")).longValue()).isEqualTo(1L);
                    assertThat(((Number) patients.get("rowsKept")).longValue()).as("Ada's id is 1").isZero();
                });
        resources.kubectl("delete", "maskeddatasets.strata.io", "clinic-few", "--timeout=180s");
    }

    private static void aRestartedOperatorFindsWhatItMadeAndWritesNothing() {
        // Whatever the running operator still has to write (the status after the subset's dataset went) is written
        // first: a write it was stopped in the middle of is the restarted one's to make, rightly.
        AtomicReference<String> seen = new AtomicReference<>("");
        await().pollInterval(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).until(() -> seen.getAndSet(
                versions()).equals(seen.get()));
        String ruleset = resources.get(MaskingRuleset.class, "clinic-pii").getMetadata().getResourceVersion();
        String dataset = resources.get(MaskedDataset.class, "clinic-masked").getMetadata().getResourceVersion();
        masking.stop();
        masking = ServiceProcess.of("masking-service").with(maskingConfig).start();
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(resources.get(MaskingRuleset.class, "clinic-pii").getMetadata().getResourceVersion())
                    .isEqualTo(ruleset);
            assertThat(resources.get(MaskedDataset.class, "clinic-masked").getMetadata().getResourceVersion())
                    .isEqualTo(dataset);
        });
        assertThat(masking.log()).contains("MaskingRuleset " + namespace + "/clinic-pii: unchanged");
        assertThat(given().baseUri(masking.baseUrl()).get("/api/v1/masked-datasets").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class)).containsOnlyOnce("clinic-masked");
        assertThat(given().baseUri(masking.baseUrl()).get("/api/v1/rulesets").then().statusCode(200).extract()
                .jsonPath().getList("name", String.class)).containsOnlyOnce("clinic-pii");
    }

    /** The resource versions of the masking service's two resources, as one string. */
    private static String versions() {
        return resources.get(MaskingRuleset.class, "clinic-pii").getMetadata().getResourceVersion() + "/" + resources
                .get(MaskedDataset.class, "clinic-masked").getMetadata().getResourceVersion();
    }

    /**
     * The ingest service killed (SIGKILL) while the source of a new resource links: restarted, it finishes that link
     * and makes no second source, and leaves the resources that were Ready unwritten.
     */
    private static void anIngestOperatorKilledWhileItLinksLinksOnceAndRewritesNothing() {
        String environment = resources.get(Environment.class, "db-host").getMetadata().getResourceVersion();
        resources.apply(sourceYaml("clinic-again", "clinic-source"));
        await().atMost(PATIENCE).until(() -> {
            Source linking = resources.get(Source.class, "clinic-again");
            return linking.getStatus() != null && linking.getStatus().getJobId() != null;
        });
        ingest.kill();
        ingest = ServiceProcess.of("ingest-service").with(ingestConfig).start();
        resources.awaitCondition("Source", "clinic-again", "Ready", ingest);
        assertThat(given().baseUri(ingest.baseUrl()).get("/api/v1/sources").then().statusCode(200).extract()
                .jsonPath().getList("name", String.class)).containsOnlyOnce("clinic-again", "clinic");
        assertThat(given().baseUri(ingest.baseUrl()).get("/api/v1/environments").then().statusCode(200).extract()
                .jsonPath().getList("name", String.class)).containsOnlyOnce("db-host");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                resources.get(Environment.class, "db-host").getMetadata().getResourceVersion()).isEqualTo(
                        environment));
        resources.kubectl("delete", "sources.strata.io", "clinic-again", "--timeout=180s");
    }

    /**
     * A password rotated on the source and a key rotated on the host, each put in its Secret: the operator hands
     * each to Strata, which checks it and keeps syncing with it; a wrong one is said in Ready and changes nothing.
     */
    private static void rotatedSecretsReachTheSourceAndTheEnvironment(String sourceId) {
        String refused = resources.rotate("clinic-source", "password", "not-the-password");
        await().atMost(PATIENCE).untilAsserted(() -> {
            Condition ready = KubeResources.ready(resources.get(Source.class, "clinic").getStatus());
            assertThat(ready.getReason()).isEqualTo("CredentialsRefused");
            assertThat(ready.getMessage()).contains("password").contains("refused");
        });
        assertThat(resources.get(Source.class, "clinic").getStatus().getCredentialsVersion()).isNotEqualTo(refused);
        syncs(sourceId);

        String rotated = "rotated-" + UUID.randomUUID();
        database.execute("postgres", "alter role app password '" + rotated + "'");
        String version = resources.rotate("clinic-source", "password", rotated);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Source source = resources.get(Source.class, "clinic");
            assertThat(source.getStatus().getCredentialsVersion()).isEqualTo(version);
            assertThat(KubeResources.ready(source.getStatus()).getStatus()).isEqualTo("True");
        });
        // The standby's stream is cut: it must log in again, now with the new password, for the sync to complete.
        database.execute("postgres", "select pg_terminate_backend(pid) from pg_stat_replication");
        syncs(sourceId);

        String key = sshd.rotateUserKey();
        String keyVersion = resources.rotate("db-host-ssh", "id_ed25519", key);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Environment environment = resources.get(Environment.class, "db-host");
            assertThat(environment.getStatus().getCredentialsVersion()).isEqualTo(keyVersion);
            assertThat(KubeResources.ready(environment.getStatus()).getStatus()).isEqualTo("True");
        });
        syncs(sourceId);
        // The connection kept open with the old key was closed: the sync logged in with the new one.
        assertThat(sshd.log()).contains("Accepted publickey for root").contains(sshd.rotatedKeyFingerprint());
        assertThat(ingest.log()).doesNotContain(rotated).doesNotContain("not-the-password");
        assertThat(resources.kubectl("get", "sources.strata.io", "clinic", "-o", "yaml")).doesNotContain(rotated);
    }

    private static void syncs(String sourceId) {
        String job = given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync").then()
                .statusCode(202).extract().path("jobId");
        Jobs.awaitEnd(ingest, job, "SUCCEEDED", PATIENCE);
    }

    private static void refusedSpecsAreSaidInReady() {
        resources.apply(rulesetYaml("bad-rules", "no-such-algorithm"));
        resources.apply(sourceYaml("unlinked", "no-such-secret"));
        resources.apply(sourceYaml("staged-twice", "clinic-source") + "  staging:\n    environment: db-host\n"
                + "    pod: {}\n");
        // A masked dataset cannot change: another resetUsers is said in Ready, and the dataset stays as it was.
        resources.apply(maskedDatasetYaml("false"));
        // A ruleset can: its rules changed make its next version.
        resources.apply(rulesetYaml("clinic-pii", "null"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Condition badRules = KubeResources.ready(resources.get(MaskingRuleset.class, "bad-rules").getStatus());
            assertThat(badRules).isNotNull();
            assertThat(badRules.getStatus()).isEqualTo("False");
            assertThat(badRules.getReason()).isEqualTo("InvalidSpec");
            assertThat(badRules.getMessage()).contains("no-such-algorithm").contains("spec.rules[2]");
            Condition unlinked = KubeResources.ready(resources.get(Source.class, "unlinked").getStatus());
            assertThat(unlinked).isNotNull();
            assertThat(unlinked.getReason()).isEqualTo("NotFound");
            assertThat(unlinked.getMessage()).contains("no Secret no-such-secret").contains(
                    "spec.connection.passwordSecret");
            Condition stagedTwice = KubeResources.ready(resources.get(Source.class, "staged-twice").getStatus());
            assertThat(stagedTwice).isNotNull();
            assertThat(stagedTwice.getReason()).isEqualTo("InvalidSpec");
            assertThat(stagedTwice.getMessage()).contains("staging.environment or staging.kubernetes, not both");
            Condition changed = KubeResources.ready(resources.get(MaskedDataset.class, "clinic-masked").getStatus());
            assertThat(changed.getReason()).isEqualTo("Immutable");
            assertThat(changed.getMessage()).contains("kubectl delete maskeddataset clinic-masked");
            assertThat(resources.get(MaskingRuleset.class, "clinic-pii").getStatus().getVersion()).isEqualTo(2);
        });
        given().baseUri(masking.baseUrl()).get("/api/v1/rulesets/clinic-pii").then().statusCode(200).body(
                "version", org.hamcrest.Matchers.equalTo(2)).body("rules[2].algorithm",
                        org.hamcrest.Matchers
                                .equalTo("null"));
        // Unchanged, a ruleset is reconciled again and nothing is written.
        String version = resources.get(MaskingRuleset.class, "clinic-pii").getMetadata().getResourceVersion();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                resources.get(MaskingRuleset.class, "clinic-pii").getMetadata().getResourceVersion()).isEqualTo(
                        version));
    }

    private static void restCannotDeleteWhatAResourceMade(String sourceId, String maskedId) {
        given().baseUri(masking.baseUrl()).delete("/api/v1/masked-datasets/" + maskedId).then().statusCode(409).body(
                "detail", containsString("kubectl delete maskeddataset -n " + namespace + " clinic-masked"));
        given().baseUri(masking.baseUrl()).delete("/api/v1/rulesets/clinic-pii").then().statusCode(409).body(
                "detail", containsString("kubectl delete maskingruleset -n " + namespace + " clinic-pii"));
        given().baseUri(ingest.baseUrl()).delete("/api/v1/sources/" + sourceId).then().statusCode(409).body(
                "detail", containsString("kubectl delete source -n " + namespace + " clinic"));
    }
}
