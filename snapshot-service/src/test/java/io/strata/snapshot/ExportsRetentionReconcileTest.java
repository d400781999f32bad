package io.strata.snapshot;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;
import io.strata.contracts.storage.ExportCreated;
import io.strata.contracts.storage.ExportRequested;
import io.strata.contracts.storage.HoldSnapshotRequested;
import io.strata.contracts.storage.ReleaseSnapshotRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.UnexportRequested;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.snapshot.service.Reconciler;
import io.strata.snapshot.service.RetentionService;
import io.strata.testing.Processes;
import io.strata.testing.StrataTestEnvironment;

/** NFS exports read and written with a real NFSv4 client, retention, and the reconcile pass. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(PoolTestResource.class)
class ExportsRetentionReconcileTest {

    private static StorageCommands commands;

    @Inject
    RetentionService retention;

    @Inject
    Reconciler reconciler;

    @ConfigProperty(name = "strata.home")
    String home;

    @BeforeAll
    static void connect() {
        commands = new StorageCommands();
    }

    @AfterAll
    static void disconnect() {
        commands.close();
    }

    private Path createVolume(String dataset) {
        String volume = StorageCommands.newId("vol");
        String request = StorageCommands.newId("req");
        EventEnvelope answer = commands.request(request, new CreateVolumeRequested(request, volume, dataset, "t"));
        return Path.of(commands.payload(answer, VolumeCreated.class).volume().path());
    }

    private String snapshot(String volume) {
        String snapshot = StorageCommands.newId("snap");
        String request = StorageCommands.newId("req");
        assertThat(commands.request(request, new SnapshotRequested(request, volume, snapshot, null, null, Map.of()))
                .type()).isEqualTo("SnapshotCreated");
        return snapshot;
    }

    @Test
    void anExportedVolumeIsReadAndWrittenOverNfs() throws Exception {
        Path volumePath = createVolume(StorageCommands.newId("source"));
        String volume = volumePath.getFileName().toString();
        Files.writeString(volumePath.resolve("hello.txt"), "from the pool\n");

        String request = StorageCommands.newId("req");
        commands.send("provisioning", new ExportRequested(request, volume, List.of()));
        EventEnvelope answer = commands.awaitAnswer(request);
        assertThat(answer.type()).isEqualTo("ExportCreated");
        ExportCreated export = commands.payload(answer, ExportCreated.class);
        assertThat(export.path()).isEqualTo("/strata/" + volume);
        String base = "nfs://127.0.0.1" + export.path() + "/";
        String query = "?version=4&nfsport=" + export.port();

        assertThat(Processes.run(30, List.of("nfs-cat", base + "hello.txt" + query))).isEqualTo("from the pool\n");
        Path local = Files.createTempFile("nfs", ".txt");
        Files.writeString(local, "written over NFS\n");
        Processes.run(30, List.of("nfs-cp", local.toString(), base + "from-client.txt" + query));
        assertThat(Files.readString(volumePath.resolve("from-client.txt"))).isEqualTo("written over NFS\n");
        given().get("/api/v1/volumes/" + volume).then().body("export.path", equalTo("/strata/" + volume))
                .body("export.mountCommand", org.hamcrest.Matchers.containsString("mount -t nfs4"));

        String remove = StorageCommands.newId("req");
        commands.send("provisioning", new UnexportRequested(remove, volume));
        assertThat(commands.awaitAnswer(remove).type()).isEqualTo("ExportRemoved");
        assertThatThrownBy(() -> Processes.run(30, List.of("nfs-ls", base + query))).isInstanceOf(
                IllegalStateException.class);
        Files.delete(local);
    }

    @Test
    void retentionKeepsTheNewestAndWhatClonesNeed() {
        String dataset = StorageCommands.newId("source");
        String volume = createVolume(dataset).getFileName().toString();
        String s1 = snapshot(volume);
        String s2 = snapshot(volume);
        String s3 = snapshot(volume);
        String s4 = snapshot(volume);
        String request = StorageCommands.newId("req");
        commands.request(request, new CloneRequested(request, s2, StorageCommands.newId("vdb"), "vdb-r", "t"));

        given().contentType("application/json").body("{\"keepLast\": 1}").put("/api/v1/datasets/" + dataset
                + "/retention").then().statusCode(200).body("keepLast", equalTo(1));
        // The scheduled pass may have run first: what is left on the timeline is what counts.
        List<String> removed = retention.applyAll();

        assertThat(removed).doesNotContain(s2, s4);
        given().get("/api/v1/datasets/" + dataset + "/timeline").then()
                .body("snapshots.id", org.hamcrest.Matchers.contains(s2, s4))
                .body("retention.keepLast", equalTo(1));
    }

    @Test
    void aDeletedDatasetsSnapshotGoesWhenItsLastBookmarkAndCloneAreGone() {
        // A virtual database was bookmarked and branched from, then deleted: its snapshot outlives it while needed.
        String dataset = StorageCommands.newId("vdb");
        String volume = createVolume(dataset).getFileName().toString();
        String kept = snapshot(volume);
        String hold = StorageCommands.newId("req");
        commands.send("catalog", new HoldSnapshotRequested(hold, kept, "bookmark:bm-1"));
        assertThat(commands.awaitAnswer(hold).type()).isEqualTo("SnapshotHoldChanged");
        String branch = StorageCommands.newId("vdb");
        String clone = StorageCommands.newId("req");
        commands.request(clone, new CloneRequested(clone, kept, branch, "vdb-" + branch, "t"));
        String delete = StorageCommands.newId("req");
        assertThat(commands.request(delete, new DeleteVolumeRequested(delete, volume)).type()).isEqualTo(
                "VolumeDeleted");

        assertThat(retention.applyAll()).doesNotContain(kept);
        String release = StorageCommands.newId("req");
        commands.send("catalog", new ReleaseSnapshotRequested(release, kept, "bookmark:bm-1"));
        commands.awaitAnswer(release);
        assertThat(retention.applyAll()).doesNotContain(kept);
        given().get("/api/v1/datasets/" + dataset + "/timeline").then().body("snapshots.id", org.hamcrest.Matchers
                .hasItem(kept));

        String deleteBranch = StorageCommands.newId("req");
        assertThat(commands.request(deleteBranch, new DeleteVolumeRequested(deleteBranch, branch)).type()).isEqualTo(
                "VolumeDeleted");
        assertThat(retention.applyAll()).contains(kept);
        given().get("/api/v1/datasets/" + dataset + "/timeline").then().body("snapshots.id", org.hamcrest.Matchers
                .not(org.hamcrest.Matchers.hasItem(kept)));
    }

    @Test
    void aDatasetIsReplicatedToAnotherPoolIncrementally() throws Exception {
        Path replica = Path.of(home, "replica");
        Path image = Path.of(home, "replica.img");
        Processes.run(30, List.of("truncate", "-s", "2G", image.toString()));
        Processes.run(60, List.of("mkfs.btrfs", "-q", image.toString()));
        Files.createDirectories(replica);
        Processes.run(30, List.of("mount", "-o", "loop", image.toString(), replica.toString()));

        String dataset = StorageCommands.newId("source");
        Path volumePath = createVolume(dataset);
        String volume = volumePath.getFileName().toString();
        Files.writeString(volumePath.resolve("base.dat"), "x".repeat(1 << 20));
        String s1 = snapshot(volume);
        Files.writeString(volumePath.resolve("delta.dat"), "second\n");
        String s2 = snapshot(volume);

        String first = given().contentType("application/json").body("{\"target\": \"" + replica + "\"}")
                .post("/api/v1/datasets/" + dataset + "/replicate").then().statusCode(202).extract().path("jobId");
        awaitJob(first, "sent 2 of 2 snapshots");
        assertThat(Files.readString(replica.resolve(s2).resolve("delta.dat"))).isEqualTo("second\n");
        assertThat(Files.size(replica.resolve(s1).resolve("base.dat"))).isEqualTo(1 << 20);

        Files.writeString(volumePath.resolve("third.dat"), "third\n");
        String s3 = snapshot(volume);
        String second = given().contentType("application/json").body("{\"target\": \"" + replica + "\"}")
                .post("/api/v1/datasets/" + dataset + "/replicate").then().statusCode(202).extract().path("jobId");
        awaitJob(second, "sent 1 of 3 snapshots");
        assertThat(Files.readString(replica.resolve(s3).resolve("third.dat"))).isEqualTo("third\n");

        given().contentType("application/json").body("{\"target\": \"/tmp\"}").post("/api/v1/datasets/" + dataset
                + "/replicate").then().statusCode(400).body("field", equalTo("target"));
    }

    private static void awaitJob(String jobId, String finalStep) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> given().get(
                "/api/v1/jobs/" + jobId).then().body("state", equalTo("SUCCEEDED")).body("step",
                        org.hamcrest.Matchers.startsWith(finalStep)));
    }

    @Test
    void reconcileRemovesOrphansAndFailsWhatIsMissing() throws Exception {
        Path mount = Path.of(home, "pool");
        // An operation that reached the pool but not the database:
        Processes.run(30, List.of("btrfs", "subvolume", "create", mount.resolve("volumes/orphan-1").toString()));
        // A volume removed behind the service's back:
        Path lost = createVolume(StorageCommands.newId("source"));
        Processes.run(30, List.of("btrfs", "subvolume", "delete", lost.toString()));

        Reconciler.Report report = reconciler.reconcile();

        assertThat(report.orphansRemoved()).contains("volume:orphan-1");
        assertThat(report.failed()).contains("volume:" + lost.getFileName());
        assertThat(Files.exists(mount.resolve("volumes/orphan-1"))).isFalse();
        given().get("/api/v1/volumes/" + lost.getFileName()).then().body("state", equalTo("FAILED"));
    }

    @Test
    void reconcileMovesARecordedStagedCloneIntoPlaceAndRemovesAnUnrecordedOne() throws Exception {
        Path mount = Path.of(home, "pool");
        String snapshot = snapshot(createVolume(StorageCommands.newId("source")).getFileName().toString());
        String clone = StorageCommands.newId("vdb");
        String request = StorageCommands.newId("req");
        assertThat(commands.request(request, new CloneRequested(request, snapshot, clone, "vdbs", "t")).type())
                .isEqualTo("CloneCreated");
        // The host lost the clone's move into place with its power: the clone is back where it was made.
        Path staged = mount.resolve("staging").resolve(clone).resolve("clone");
        Files.createDirectories(staged.getParent());
        Files.move(mount.resolve("volumes").resolve(clone), staged);
        // The service stopped between making a clone and moving it into place:
        Path unrecorded = mount.resolve("staging/orphan-2/clone");
        Files.createDirectories(unrecorded.getParent());
        Processes.run(30, List.of("btrfs", "subvolume", "snapshot", mount.resolve("snapshots").resolve(snapshot)
                .toString(), unrecorded.toString()));

        Reconciler.Report report = reconciler.reconcile();

        assertThat(report.clonesMoved()).contains("clone:" + clone);
        assertThat(report.failed()).doesNotContain("volume:" + clone);
        assertThat(report.orphansRemoved()).contains("clone:orphan-2");
        assertThat(mount.resolve("volumes").resolve(clone)).isDirectory();
        assertThat(mount.resolve("staging/orphan-2")).doesNotExist();
        given().get("/api/v1/volumes/" + clone).then().body("state", equalTo("READY"));
    }
}
