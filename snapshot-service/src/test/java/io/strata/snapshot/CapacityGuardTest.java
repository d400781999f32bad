package io.strata.snapshot;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.testing.Processes;
import io.strata.testing.StrataTestEnvironment;

/** A nearly full pool warns, then refuses new volumes and clones with a clear message. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(SmallPoolTestResource.class)
class CapacityGuardTest {

    @Test
    void aFullPoolRefusesNewVolumesAndClones() throws Exception {
        try (StorageCommands commands = new StorageCommands()) {
            String request = StorageCommands.newId("req");
            EventEnvelope created = commands.request(request, new CreateVolumeRequested(request, StorageCommands
                    .newId("vol"), "filler", "t"));
            Path volume = Path.of(commands.payload(created, VolumeCreated.class).volume().path());
            String snapshotRequest = StorageCommands.newId("req");
            String snapshot = StorageCommands.newId("snap");
            commands.request(snapshotRequest, new SnapshotRequested(snapshotRequest, volume.getFileName().toString(),
                    snapshot, null, null, Map.of()));

            // Fill the pool past 85% with data that does not compress or deduplicate.
            byte[] chunk = new byte[1 << 20];
            Random random = new Random(1);
            try (OutputStream out = Files.newOutputStream(volume.resolve("fill.bin"))) {
                for (int i = 0; i < 900; i++) {
                    random.nextBytes(chunk);
                    out.write(chunk);
                }
            }
            Processes.run(60, java.util.List.of("sync"));

            given().get("/api/v1/storage").then().statusCode(200).body("warning", containsString("refused"));
            String refusedRequest = StorageCommands.newId("req");
            String refusedVolume = StorageCommands.newId("vdb");
            EventEnvelope refused = commands.request(refusedRequest, new CloneRequested(refusedRequest, snapshot,
                    refusedVolume, "vdb", "t"));
            StorageRequestFailed failure = commands.payload(refused, StorageRequestFailed.class);
            assertThat(failure.status()).isEqualTo(507);
            assertThat(failure.reason()).contains("new volumes and clones are refused above 85%")
                    .contains("Delete virtual databases or snapshots");
            assertThat(volume.resolveSibling(refusedVolume)).as("the refused clone is not on the pool").doesNotExist();
        }
    }
}
