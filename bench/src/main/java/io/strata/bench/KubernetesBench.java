package io.strata.bench;

import static io.strata.testing.Api.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.restassured.path.json.JsonPath;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.kubernetes.v1alpha1.VirtualDatabase;
import io.strata.testing.KafkaBroker;
import io.strata.testing.KubeApiServer;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * {@code make bench-kubernetes}: {@code kubectl apply} of a VirtualDatabase of a 1 GB PostgreSQL source (pgbench -i -s
 * 70) until its condition Ready is True and its credentials Secret exists, against a real API server, p50 over 10;
 * the baseline is the same virtual database made with {@code POST /api/v1/vdbs} until its job succeeded, in the same
 * run. No kubelet runs here: the engine runs on the provisioning service's host, as for a REST-made one. Third, the
 * same with {@code spec.pod}: until its condition Provisioned is True and its PersistentVolume, claim, StatefulSet,
 * Service and Secret exist (its engine would start in the pod, which nothing runs here).
 */
public final class KubernetesBench {

    private static final int WARM_UP = 3;
    private static final int ROUNDS = 10;
    private static final Duration POLL = Duration.ofMillis(10);

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 70;
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
        String namespace = "bench";
        try (PostgresCluster state = PostgresCluster.start(Map.of());
                KafkaBroker kafka = KafkaBroker.start();
                StrataHome home = StrataHome.create();
                KubeApiServer kube = KubeApiServer.start();
                KubernetesClient client = kube.client();
                PostgresCluster source = PostgresCluster.start(Map.of("max_wal_size", "'4GB'"))) {
            kube.kubectl("apply", "-f", ServiceProcess.repositoryRoot().resolve("deploy/kubernetes/00-crds")
                    .toString());
            kube.kubectl("wait", "--for=condition=Established", "crd/virtualdatabases.strata.io", "--timeout=60s");
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
            Map<String, String> common = Map.of("strata.home", home.toString(), "quarkus.log.level", "WARN");
            try (ServiceProcess snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(kafka,
                    prefix).with(common).with(Map.of("strata.snapshot.pool.driver", "btrfs",
                            "strata.snapshot.pool.size", (scale / 70 * 3 + 8) + "G", "strata.snapshot.nfs.port",
                            String.valueOf(Ports.free())))
                    .start();
                    ServiceProcess provisioning = ServiceProcess.of("provisioning-service").withDatabase(state)
                            .withBroker(kafka, prefix).with(common).with(Map.of("strata.provisioning.ports",
                                    "17500-17600", "kubeconfig", kube.kubeconfig().toString(),
                                    "strata.kubernetes.operator", "true",
                                    "strata.kubernetes.operator-poll", "50ms",
                                    "quarkus.operator-sdk.namespaces", namespace,
                                    "strata.provisioning.kubernetes.nfs-clients", "127.0.0.1"))
                            .start();
                    ServiceProcess ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(kafka,
                            prefix).with(common).with("strata.ingest.staging.ports", "17700-17720").start()) {
                String sourceId = ProvisionBench.link(source, ingest, provisioning, scale).sourceId();
                Stats rest = new Stats();
                Stats applied = new Stats();
                Stats inPods = new Stats();
                for (int i = 0; i < WARM_UP + ROUNDS; i++) {
                    long restNanos = viaRest(provisioning, "rest-" + i, sourceId);
                    long appliedNanos = viaKubectl(kube, client, home, namespace, "kube-" + i, sourceId, false);
                    long inPodNanos = viaKubectl(kube, client, home, namespace, "pod-" + i, sourceId, true);
                    if (i >= WARM_UP) {
                        rest.add(restNanos);
                        applied.add(appliedNanos);
                        inPods.add(inPodNanos);
                    }
                }
                System.out.println();
                System.out.println("Results (docs/benchmarks.md):");
                System.out.printf("| kubectl apply of a VirtualDatabase until Ready and its Secret | %s |%n", applied);
                System.out.printf("| kubectl apply of one with spec.pod until Provisioned and its PV, claim, "
                        + "StatefulSet, Service and Secret exist | %s |%n", inPods);
                System.out.printf("| POST /api/v1/vdbs of the same until its job succeeded (baseline) | %s |%n", rest);
                System.out.printf("kubectl apply p50 ÷ REST p50 = %.2f (goal: apply → Ready at most 2 s p50)%n",
                        applied.p50() / rest.p50());
            } finally {
                new ProcessBuilder("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true").start().waitFor();
            }
        }
    }

    private static long viaRest(ServiceProcess provisioning, String name, String sourceId) throws Exception {
        long begin = System.nanoTime();
        JsonPath accepted = given().baseUri(provisioning.baseUrl()).contentType("application/json").body(Map.of("name",
                name, "from", Map.of("dataset", sourceId))).post("/api/v1/vdbs").then().statusCode(202).extract()
                .jsonPath();
        BenchSupport.awaitJob(provisioning, accepted.getString("jobId"), POLL);
        long nanos = System.nanoTime() - begin;
        BenchSupport.awaitJob(provisioning, given().baseUri(provisioning.baseUrl()).delete("/api/v1/vdbs/" + accepted
                .getString("id")).then().statusCode(202).extract().path("jobId"), POLL);
        return nanos;
    }

    private static long viaKubectl(KubeApiServer kube, KubernetesClient client, StrataHome home, String namespace,
            String name, String sourceId, boolean inPod) throws Exception {
        Path file = home.path().resolve(name + ".yaml");
        Files.writeString(file, "apiVersion: strata.io/v1alpha1\nkind: VirtualDatabase\nmetadata:\n  name: " + name
                + "\nspec:\n  from:\n    dataset: " + sourceId + "\n" + (inPod ? "  pod: {}\n" : ""));
        long begin = System.nanoTime();
        kube.kubectl("apply", "-n", namespace, "-f", file.toString());
        Instant deadline = Instant.now().plusSeconds(300);
        while (inPod ? !placed(client, namespace, name) : !ready(client, namespace, name)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not Ready in 300 s: " + kube.kubectl("get", "-n", namespace,
                        "-o", "yaml", "virtualdatabase/" + name));
            }
            Thread.sleep(POLL.toMillis());
        }
        long nanos = System.nanoTime() - begin;
        kube.kubectl("delete", "-n", namespace, "-f", file.toString(), "--timeout=300s");
        return nanos;
    }

    /** Provisioned, and every object of a virtual database in a pod is there. */
    private static boolean placed(KubernetesClient client, String namespace, String name) {
        VirtualDatabase resource = client.resources(VirtualDatabase.class).inNamespace(namespace).withName(name).get();
        if (resource == null || !StatusConditions.isTrue(resource.getStatus(), StrataResources.PROVISIONED)) {
            return false;
        }
        String claim = resource.getStatus().getClaim();
        String workload = resource.getStatus().getService();
        return client.persistentVolumes().withName(claim).get() != null && client.persistentVolumeClaims()
                .inNamespace(namespace).withName(claim).get() != null && client.apps().statefulSets()
                        .inNamespace(
                                namespace)
                        .withName(workload).get() != null
                && client.services().inNamespace(namespace)
                        .withName(workload).get() != null
                && client.secrets().inNamespace(namespace)
                        .withName(resource.getStatus().getCredentialsSecret()).get() != null;
    }

    private static boolean ready(KubernetesClient client, String namespace, String name) {
        VirtualDatabase resource = client.resources(VirtualDatabase.class).inNamespace(namespace).withName(name).get();
        return resource != null && StatusConditions.isTrue(resource.getStatus(), StrataResources.READY) && client
                .secrets().inNamespace(namespace).withName(name + "-credentials").get() != null;
    }
}
