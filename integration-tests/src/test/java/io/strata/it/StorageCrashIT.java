package io.strata.it;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.ExportRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.testing.KafkaBroker;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;
import io.strata.testing.TopicClient;

/**
 * SIGKILL the snapshot service while it works through a stream of clone commands (applied side by side), three times
 * at different moments, then once more with the NFS server and the export mounts gone as after a reboot. After each
 * restart every command has been answered, with success, and the database and the pool agree volume for volume
 * (nothing lost, nothing twice, no orphan, no clone left in its staging place); the export works again.
 */
class StorageCrashIT {

    private static final EventCodec CODEC = new EventCodec();

    @Test
    void afterKillsTheDatabaseAndThePoolAgree() throws Exception {
        PostgresCluster postgres = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        String prefix = Backbone.freshPrefix();
        Map<String, String> database = postgres.datasourceConfig(postgres.createDatabase());
        int nfsPort = Ports.free();
        try (StrataHome home = StrataHome.create();
                TopicClient answers = new TopicClient(broker.bootstrapServers(), Topics.events(prefix,
                        Topics.SNAPSHOT))) {
            Map<String, String> config = new java.util.HashMap<>(database);
            config.putAll(Map.of("strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs",
                    "strata.snapshot.pool.size", "4G", "strata.snapshot.nfs.port", String.valueOf(nfsPort)));
            ServiceProcess service = start(config, broker, prefix);

            String volume = "vol-" + shortId();
            request(broker, prefix, answers, new CreateVolumeRequested("r-" + volume, volume, "source-1", "it"));
            Path volumePath = home.path().resolve("pool/volumes").resolve(volume);
            Files.writeString(volumePath.resolve("PG_VERSION"), "15\n");
            String snapshot = "snap-" + shortId();
            request(broker, prefix, answers, new SnapshotRequested("r-" + snapshot, volume, snapshot, "0/3000060",
                    null, Map.of()));
            request(broker, prefix, answers, new ExportRequested("r-export", volume, List.of()));

            Set<String> requested = new HashSet<>(Set.of(volume));
            for (int round = 0; round < 3; round++) {
                List<String> requestIds = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    String clone = "vdb-" + shortId();
                    requested.add(clone);
                    requestIds.add("r-" + clone);
                    send(broker, prefix, new CloneRequested("r-" + clone, snapshot, clone, "vdb-" + clone, "it"));
                }
                // Kill at a different point of the stream each round: after 1, 8 and 17 answers.
                int killAfter = new int[]{1, 8, 17}[round];
                answers.awaitRecords(seen -> answered(answers, seen, requestIds) >= killAfter, Duration.ofSeconds(
                        60));
                service.kill();
                service = start(config, broker, prefix);
                answers.awaitRecords(seen -> answered(answers, seen, requestIds) >= requestIds.size(), Duration
                        .ofSeconds(90));
                assertAgree(service, home, requested);
                for (String requestId : requestIds) {
                    assertThat(answersTo(answers, requestId)).as("answers to " + requestId).extracting(
                            EventEnvelope::type).isNotEmpty().allMatch("CloneCreated"::equals);
                }
            }

            // As after a reboot: the NFS server and every mount but the pool's are gone.
            service.kill();
            home.release();
            service = start(config, broker, prefix);
            assertAgree(service, home, requested);
            String url = "nfs://127.0.0.1/strata/" + volume + "/PG_VERSION?version=4&nfsport=" + nfsPort;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    return Processes.run(10, List.of("nfs-cat", url)).equals("15\n");
                } catch (IllegalStateException e) {
                    return false;
                }
            });
            service.stop();
        }
    }

    private static ServiceProcess start(Map<String, String> config, KafkaBroker broker, String prefix) {
        return ServiceProcess.of("snapshot-service").with(config).withBroker(broker, prefix).start();
    }

    private static void assertAgree(ServiceProcess service, StrataHome home, Set<String> requested)
            throws Exception {
        List<String> live = given().baseUri(service.baseUrl()).get("/api/v1/volumes").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class);
        Set<String> onPool;
        try (Stream<Path> entries = Files.list(home.path().resolve("pool/volumes"))) {
            onPool = entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(new HashSet<>(live)).as("volumes the database calls live").isEqualTo(onPool);
        assertThat(live).as("no volume twice").doesNotHaveDuplicates();
        assertThat(onPool).as("only what was requested").isSubsetOf(requested);
        List<String> failed = given().baseUri(service.baseUrl()).queryParam("all", true).get("/api/v1/volumes").then()
                .extract().jsonPath().getList("findAll { it.state == 'FAILED' }.id", String.class);
        assertThat(failed).as("nothing lost").isEmpty();
        try (Stream<Path> staged = Files.list(home.path().resolve("pool/staging"))) {
            assertThat(staged.toList()).as("no clone left half-made").isEmpty();
        }
    }

    private static long answered(TopicClient answers,
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> seen, List<String> requestIds) {
        Set<String> wanted = new HashSet<>(requestIds);
        return answers.envelopes(seen).stream().map(e -> e.data().path("requestId").asText(null)).filter(
                wanted::contains).distinct().count();
    }

    private static List<EventEnvelope> answersTo(TopicClient answers, String requestId) {
        return answers.envelopes(answers.awaitRecords(seen -> true, Duration.ofSeconds(1))).stream()
                .filter(e -> requestId.equals(e.data().path("requestId").asText(null))).toList();
    }

    private static void request(KafkaBroker broker, String prefix, TopicClient answers, Event command) {
        send(broker, prefix, command);
        String requestId = CODEC.mapper().valueToTree(command).path("requestId").asText();
        EventEnvelope answer = answers.awaitEnvelope(e -> requestId.equals(e.data().path("requestId").asText(null)),
                Duration.ofSeconds(60));
        assertThat(answer.type()).as(answer.data().toString()).doesNotContain("Failed");
    }

    private static void send(KafkaBroker broker, String prefix, Event command) {
        TopicClient.send(broker.bootstrapServers(), Topics.events(prefix, Topics.PROVISIONING), command.subject(),
                CODEC.encodeToString(CODEC.envelope(Topics.PROVISIONING, command, "it", null)));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 13);
    }
}
