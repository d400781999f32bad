package io.strata.snapshot.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.strata.testing.Processes;
import io.strata.testing.StrataHome;

/** The copy driver on a filesystem without reflinks (full copies) and on one with them (thin). */
class CopyDriverTest {

    @Test
    void withoutReflinksEveryCloneIsAFullCopyAndTheReportSaysSo() throws Exception {
        try (StrataHome home = StrataHome.create()) {
            CopyDriver driver = new CopyDriver(home.path().resolve("pool"));
            driver.open();
            exerciseSnapshotAndClone(driver);
            assertThat(driver.thinClones()).isFalse();
            SpaceUsage clone = driver.space().get("c1");
            assertThat(clone.referenced()).isGreaterThan(0);
            assertThat(clone.exclusive()).isEqualTo(clone.referenced());
            deleteTheClone(driver);
        }
    }

    @Test
    void onBtrfsClonesShareBlocks() throws Exception {
        try (StrataHome home = StrataHome.create()) {
            Path image = home.path().resolve("fs.img");
            Path mount = home.path().resolve("fs");
            Processes.run(30, List.of("truncate", "-s", "1G", image.toString()));
            Processes.run(60, List.of("mkfs.btrfs", "-q", image.toString()));
            Files.createDirectories(mount);
            Processes.run(30, List.of("mount", "-o", "loop", image.toString(), mount.toString()));
            CopyDriver driver = new CopyDriver(mount.resolve("pool"));
            driver.open();
            exerciseSnapshotAndClone(driver);
            assertThat(driver.thinClones()).isTrue();
            deleteTheClone(driver);
        }
    }

    @Test
    void aCopyInterruptedByACrashIsRemovedOnOpen() throws Exception {
        try (StrataHome home = StrataHome.create()) {
            Path pool = home.path().resolve("pool");
            Files.createDirectories(pool.resolve("volumes/.partial-123/base"));
            Files.createDirectories(pool.resolve("snapshots"));
            CopyDriver driver = new CopyDriver(pool);
            driver.open();
            assertThat(Files.exists(pool.resolve("volumes/.partial-123"))).isFalse();
            assertThat(driver.volumes()).isEmpty();
        }
    }

    private static void exerciseSnapshotAndClone(CopyDriver driver) throws Exception {
        driver.createVolume("v1");
        Files.writeString(driver.volumePath("v1").resolve("data"), "one");
        driver.snapshot("v1", "s1");
        Files.writeString(driver.volumePath("v1").resolve("data"), "two");
        driver.clone("s1", "c1");
        driver.clone("s1", "c1");
        assertThat(Files.readString(driver.volumePath("c1").resolve("data"))).isEqualTo("one");
        Files.writeString(driver.volumePath("c1").resolve("data"), "clone");
        assertThat(Files.readString(driver.snapshotPath("s1").resolve("data"))).isEqualTo("one");
        assertThat(driver.volumes()).containsExactlyInAnyOrder("v1", "c1");
        assertThat(driver.snapshots()).containsExactly("s1");
    }

    private static void deleteTheClone(CopyDriver driver) {
        driver.deleteVolume("c1");
        driver.deleteVolume("c1");
        assertThat(driver.volumes()).containsExactly("v1");
    }
}
