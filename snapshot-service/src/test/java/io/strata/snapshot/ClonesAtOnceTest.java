package io.strata.snapshot;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventDeadLettered;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/**
 * Clone commands sent at once, as ten virtual databases requested together send them: the snapshot service applies
 * them side by side, and each is answered with a clone of its own. A clone that is refused, or whose transaction
 * fails after the pool made it, leaves nothing on the pool.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(PoolTestResource.class)
class ClonesAtOnceTest {

    private static StorageCommands commands;

    @BeforeAll
    static void connect() {
        commands = new StorageCommands();
    }

    @AfterAll
    static void disconnect() {
        commands.close();
    }

    /** A snapshot of a new volume holding {@code data.txt}. */
    private static String snapshotWithData() throws Exception {
        String volume = StorageCommands.newId("vol");
        String request = StorageCommands.newId("req");
        EventEnvelope created = commands.request(request, new CreateVolumeRequested(request, volume, "source", "t"));
        Files.writeString(Path.of(commands.payload(created, VolumeCreated.class).volume().path(), "data.txt"),
                "the source's data");
        String snapshot = StorageCommands.newId("snap");
        String snapshotRequest = StorageCommands.newId("req");
        EventEnvelope taken = commands.request(snapshotRequest, new SnapshotRequested(snapshotRequest, volume,
                snapshot, null, null, Map.of()));
        assertThat(taken.type()).isEqualTo("SnapshotCreated");
        return snapshot;
    }

    @Test
    void clonesRequestedAtOnceAreAllMadeEachOfItsOwn() throws Exception {
        String snapshot = snapshotWithData();
        // One dataset new to the service for all of them: each clone's transaction finds it missing at once.
        String dataset = StorageCommands.newId("vdbs");
        List<String> requests = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(StorageCommands.newId("req"));
            volumes.add(StorageCommands.newId("vdb"));
        }
        for (int i = 0; i < requests.size(); i++) {
            commands.send(Topics.PROVISIONING, new CloneRequested(requests.get(i), snapshot, volumes.get(i), dataset,
                    "t"));
        }

        Set<String> paths = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            EventEnvelope answer = commands.awaitAnswer(requests.get(i));
            assertThat(answer.type()).as("answer to clone %d", i).isEqualTo("CloneCreated");
            CloneCreated created = commands.payload(answer, CloneCreated.class);
            assertThat(created.volume().id()).isEqualTo(volumes.get(i));
            assertThat(Files.readString(Path.of(created.volume().path(), "data.txt"))).isEqualTo("the source's data");
            paths.add(created.volume().path());
            given().get("/api/v1/volumes/" + volumes.get(i)).then().statusCode(200).body("state", equalTo("READY"))
                    .body("dataset", equalTo(dataset)).body("originSnapshot", equalTo(snapshot));
        }
        assertThat(paths).hasSize(requests.size());
        List<Path> clones = paths.stream().map(Path::of).toList();
        Files.writeString(clones.get(0).resolve("data.txt"), "changed in one clone");
        assertThat(Files.readString(clones.get(1).resolve("data.txt"))).isEqualTo("the source's data");
    }

    @Test
    void aRefusedCloneLeavesNothingOnThePool() throws Exception {
        String snapshot = snapshotWithData();
        String taken = StorageCommands.newId("vdb");
        String request = StorageCommands.newId("req");
        assertThat(commands.request(request, new CloneRequested(request, snapshot, taken, "vdbs", "t")).type())
                .isEqualTo("CloneCreated");

        // The volume id is taken by a clone of another dataset: a conflict.
        String conflicting = StorageCommands.newId("req");
        EventEnvelope refused = commands.request(conflicting, new CloneRequested(conflicting, snapshot, taken,
                "others", "t"));
        assertThat(commands.payload(refused, StorageRequestFailed.class).status()).isEqualTo(409);
        // No such snapshot.
        String missing = StorageCommands.newId("req");
        String volume = StorageCommands.newId("vdb");
        refused = commands.request(missing, new CloneRequested(missing, StorageCommands.newId("snap"), volume,
                "vdbs", "t"));
        assertThat(commands.payload(refused, StorageRequestFailed.class).status()).isEqualTo(404);

        assertThat(poolVolume(volume)).doesNotExist();
        given().get("/api/v1/volumes/" + volume).then().statusCode(404);
    }

    @Test
    void aCloneWhoseTransactionFailsAfterThePoolMadeItLeavesNothingOnThePool() throws Exception {
        String snapshot = snapshotWithData();
        String request = StorageCommands.newId("req");
        String volume = StorageCommands.newId("vdb");
        // Too long for its column: the clone is made, then the insert of its row fails at every attempt.
        String requestedBy = "x".repeat(200);
        commands.send(Topics.PROVISIONING, new CloneRequested(request, snapshot, volume, "vdbs", requestedBy));

        EventCodec codec = new EventCodec();
        try (TopicClient deadLetters = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(), Topics
                .deadLetter(StrataTestEnvironment.topicPrefix(), Topics.SNAPSHOT))) {
            deadLetters.awaitEnvelope(envelope -> volume.equals(codec.payload(envelope, EventDeadLettered.class)
                    .key()), Duration.ofSeconds(60));
        }
        assertThat(poolVolume(volume)).doesNotExist();
        given().get("/api/v1/volumes/" + volume).then().statusCode(404);
    }

    /** Where the pool keeps a volume: next to the test's other volumes. */
    private static Path poolVolume(String volume) {
        String any = given().get("/api/v1/volumes").then().statusCode(200).extract().path("[0].path");
        return Path.of(any).resolveSibling(volume);
    }
}
