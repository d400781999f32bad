package io.strata.snapshot;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.DeleteSnapshotRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;
import io.strata.contracts.storage.HoldSnapshotRequested;
import io.strata.contracts.storage.ReleaseSnapshotRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.testing.StrataTestEnvironment;

/**
 * Volumes, snapshots, clones and holds on a real btrfs pool, driven by commands over a real broker as the ingest and
 * provisioning services would send them, and read back over REST.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(PoolTestResource.class)
class StorageLifecycleTest {

    private static StorageCommands commands;

    @BeforeAll
    static void connect() {
        commands = new StorageCommands();
    }

    @AfterAll
    static void disconnect() {
        commands.close();
    }

    private String createVolume(String dataset) {
        String volume = StorageCommands.newId("vol");
        String request = StorageCommands.newId("req");
        EventEnvelope answer = commands.request(request, new CreateVolumeRequested(request, volume, dataset, "t"));
        assertThat(answer.type()).isEqualTo("VolumeCreated");
        return commands.payload(answer, VolumeCreated.class).volume().path();
    }

    private String snapshot(String volume, String position) {
        String snapshot = StorageCommands.newId("snap");
        String request = StorageCommands.newId("req");
        EventEnvelope answer = commands.request(request, new SnapshotRequested(request, volume, snapshot, position,
                null, Map.of("engine", "files")));
        assertThat(answer.type()).isEqualTo("SnapshotCreated");
        return snapshot;
    }

    private EventEnvelope cloneOf(String snapshot, String volume, String dataset) {
        String request = StorageCommands.newId("req");
        return commands.request(request, new CloneRequested(request, snapshot, volume, dataset, "t"));
    }

    @Test
    void aCloneSeesTheSnapshotAndNeverChangesItsParent() throws Exception {
        String dataset = StorageCommands.newId("source");
        Path volumePath = Path.of(createVolume(dataset));
        String volume = volumePath.getFileName().toString();
        Files.writeString(volumePath.resolve("table.dat"), "row 1\n");
        String first = snapshot(volume, "0/16B3748");
        Files.writeString(volumePath.resolve("table.dat"), "row 1\nrow 2\n");
        String second = snapshot(volume, "0/16B9000");

        String cloneId = StorageCommands.newId("vdb");
        EventEnvelope answer = cloneOf(first, cloneId, "vdb-dataset-" + cloneId);
        assertThat(answer.type()).isEqualTo("CloneCreated");
        Path clonePath = Path.of(commands.payload(answer, CloneCreated.class).volume().path());

        assertThat(Files.readString(clonePath.resolve("table.dat"))).isEqualTo("row 1\n");
        Files.writeString(clonePath.resolve("table.dat"), "changed in the clone\n");
        assertThat(Files.readString(volumePath.resolve("table.dat"))).isEqualTo("row 1\nrow 2\n");

        given().get("/api/v1/volumes/" + cloneId).then().statusCode(200).body("originSnapshot", equalTo(first))
                .body("state", equalTo("READY"));
        given().get("/api/v1/datasets/" + dataset + "/timeline").then().statusCode(200)
                .body("snapshots.id", org.hamcrest.Matchers.contains(first, second))
                .body("snapshots[0].parent", nullValue()).body("snapshots[1].parent", equalTo(first))
                .body("snapshots[0].position", equalTo("0/16B3748"))
                .body("clones[0].volume", equalTo(cloneId)).body("clones[0].snapshot", equalTo(first));
        given().get("/api/v1/snapshots/" + first).then().statusCode(200)
                .body("dependents", hasItem("volume:" + cloneId)).body("children", hasItem(second))
                .body("metadata.engine", equalTo("files"));

        // The clone's own first snapshot points back to where it came from.
        String cloneSnapshot = snapshot(cloneId, null);
        given().get("/api/v1/snapshots/" + cloneSnapshot).then().body("parent", equalTo(first));
        given().get("/api/v1/snapshots/" + first).then().body("children", hasItem(cloneSnapshot));
    }

    @Test
    void aSnapshotInUseIsNotDeletedAndSaysWhoUsesIt() throws Exception {
        String dataset = StorageCommands.newId("source");
        String volume = Path.of(createVolume(dataset)).getFileName().toString();
        String first = snapshot(volume, null);
        String second = snapshot(volume, null);
        String third = snapshot(volume, null);
        String cloneId = StorageCommands.newId("vdb");
        cloneOf(first, cloneId, "vdb-" + cloneId);

        given().delete("/api/v1/snapshots/" + first).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("volume:" + cloneId));
        String request = StorageCommands.newId("req");
        EventEnvelope refused = commands.request(request, new DeleteSnapshotRequested(request, first));
        assertThat(refused.type()).isEqualTo("StorageRequestFailed");
        assertThat(commands.payload(refused, StorageRequestFailed.class).status()).isEqualTo(409);

        String holdRequest = StorageCommands.newId("req");
        commands.send("catalog", new HoldSnapshotRequested(holdRequest, second, "bookmark:before-test"));
        assertThat(commands.awaitAnswer(holdRequest).type()).isEqualTo("SnapshotHoldChanged");
        given().delete("/api/v1/snapshots/" + second).then().statusCode(409)
                .body("detail", containsString("bookmark:before-test"));

        String deleteClone = StorageCommands.newId("req");
        commands.send("provisioning", new DeleteVolumeRequested(deleteClone, cloneId));
        assertThat(commands.awaitAnswer(deleteClone).type()).isEqualTo("VolumeDeleted");
        assertThat(Files.exists(Path.of(given().get("/api/v1/volumes/" + cloneId).then().extract().path("path")
                .toString()))).isFalse();

        String jobId = given().delete("/api/v1/snapshots/" + first).then().statusCode(202).extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/jobs/" + jobId).then()
                .body("state", equalTo("SUCCEEDED")));
        given().get("/api/v1/snapshots/" + first).then().body("state", nullValue());
        // The timeline closes the gap: the second snapshot now has the first one's parent (none).
        given().get("/api/v1/datasets/" + dataset + "/timeline").then()
                .body("snapshots.id", org.hamcrest.Matchers.contains(second, third))
                .body("snapshots[0].parent", nullValue());

        String release = StorageCommands.newId("req");
        commands.send("catalog", new ReleaseSnapshotRequested(release, second, "bookmark:before-test"));
        commands.awaitAnswer(release);
        given().delete("/api/v1/snapshots/" + second).then().statusCode(202);
    }

    @Test
    void badCommandsAreAnsweredWithWhatIsWrong() {
        String request = StorageCommands.newId("req");
        EventEnvelope unknown = cloneOf("snap-does-not-exist", StorageCommands.newId("vdb"), "d");
        StorageRequestFailed failure = commands.payload(unknown, StorageRequestFailed.class);
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.reason()).contains("No snapshot with id snap-does-not-exist");

        EventEnvelope invalid = commands.request(request, new CreateVolumeRequested(request, "Bad/Name", "d", "t"));
        StorageRequestFailed badName = commands.payload(invalid, StorageRequestFailed.class);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.reason()).contains("volumeId 'Bad/Name' is invalid");

        String dataset = StorageCommands.newId("source");
        String volume = Path.of(createVolume(dataset)).getFileName().toString();
        String again = StorageCommands.newId("req");
        EventEnvelope clash = commands.request(again, new CreateVolumeRequested(again, volume, "another-dataset",
                "t"));
        assertThat(commands.payload(clash, StorageRequestFailed.class).status()).isEqualTo(409);

        String same = StorageCommands.newId("req");
        EventEnvelope repeated = commands.request(same, new CreateVolumeRequested(same, volume, dataset, "t"));
        assertThat(repeated.type()).as("a repeated request is answered again").isEqualTo("VolumeCreated");

        given().get("/api/v1/volumes/nope").then().statusCode(404);
        given().get("/api/v1/datasets/nope/timeline").then().statusCode(404);
        given().contentType("application/json").body("{\"keepLast\": 0}").put("/api/v1/datasets/" + dataset
                + "/retention").then().statusCode(400).body("field", equalTo("keepLast"));
    }

    @Test
    void theSpaceReportCountsCopyOnWriteSavings() throws Exception {
        String dataset = StorageCommands.newId("source");
        Path volumePath = Path.of(createVolume(dataset));
        Files.write(volumePath.resolve("data.bin"), new java.util.Random(7).ints(8 << 20).collect(
                java.io.ByteArrayOutputStream::new, (out, i) -> out.write(i), (a, b) -> a.write(b.toByteArray(), 0, b
                        .size()))
                .toByteArray());
        String snapshot = snapshot(volumePath.getFileName().toString(), null);
        for (int i = 0; i < 3; i++) {
            cloneOf(snapshot, StorageCommands.newId("vdb"), "vdb-space-" + i);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var report = given().get("/api/v1/storage").then().statusCode(200).body("driver", equalTo("btrfs"))
                    .body("thinClones", equalTo(true)).extract().jsonPath();
            assertThat(report.getLong("capacity")).isGreaterThan(3L << 30);
            List<Map<String, Object>> datasets = report.getList("datasets");
            Map<String, Object> source = datasets.stream().filter(d -> dataset.equals(d.get("id"))).findFirst()
                    .orElseThrow();
            assertThat(((Number) source.get("logicalSize")).longValue()).isGreaterThanOrEqualTo(8L << 20);
            Map<String, Object> clone = datasets.stream().filter(d -> "vdb-space-0".equals(d.get("id"))).findFirst()
                    .orElseThrow();
            assertThat(((Number) clone.get("logicalSize")).longValue()).isGreaterThanOrEqualTo(8L << 20);
            assertThat(((Number) clone.get("uniqueSize")).longValue()).isLessThan(1L << 20);
            assertThat(report.getDouble("savingsRatio")).isGreaterThan(1.0);
        });
    }
}
