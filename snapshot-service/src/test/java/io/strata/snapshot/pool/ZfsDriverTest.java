package io.strata.snapshot.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.strata.testing.Processes;
import io.strata.testing.StrataHome;

/**
 * The zfs driver against a real ZFS pool: Debian's zfs-fuse (installed by {@code make install}) on a file-backed
 * pool of the test's own.
 */
class ZfsDriverTest {

    private static StrataHome home;
    private static Process daemon;
    private static String poolName;
    private static ZfsDriver driver;

    @BeforeAll
    static void startZfs() throws Exception {
        home = StrataHome.create();
        if (Processes.run(10, List.of("sh", "-c", "pgrep -x zfs-fuse || true")).isBlank()) {
            daemon = new ProcessBuilder("zfs-fuse", "--no-daemon", "--no-kstat-mount").redirectErrorStream(true)
                    .redirectOutput(home.path().resolve("zfs-fuse.log").toFile()).start();
        }
        Path image = home.path().resolve("zpool.img");
        Processes.run(30, List.of("truncate", "-s", "1G", image.toString()));
        poolName = "strata-test-" + UUID.randomUUID().toString().substring(0, 8);
        // zfs-fuse takes a moment to answer after it starts.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(
                IllegalStateException.class).until(() -> {
                    Processes.run(60, List.of("zpool", "create", "-m", "none", poolName, image.toString()));
                    return true;
                });
        driver = new ZfsDriver(poolName + "/strata", home.path().resolve("pool"));
        driver.open();
    }

    /** Destroys the pool; {@code false} while zfs-fuse still calls it busy, any other failure thrown. */
    private static boolean destroyed(String pool) {
        try {
            Processes.run(60, List.of("zpool", "destroy", "-f", pool));
            return true;
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("busy")) {
                throw e;
            }
            return false;
        }
    }

    @AfterAll
    static void stopZfs() throws InterruptedException {
        try {
            // zfs-fuse answers "pool is busy" for a moment after the last unmount; a pool left busy after that is a
            // failure.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> destroyed(
                    poolName));
        } finally {
            if (daemon != null) {
                daemon.destroy();
                Processes.awaitExit(daemon);
            }
            home.close();
        }
    }

    @Test
    void snapshotsClonesAndPromoteOnZfs() throws Exception {
        driver.createVolume("v1");
        Files.writeString(driver.volumePath("v1").resolve("data"), "one");
        driver.snapshot("v1", "s1");
        driver.snapshot("v1", "s1");
        Files.writeString(driver.volumePath("v1").resolve("data"), "two");
        driver.clone("s1", "c1");
        driver.clone("s1", "c1");

        assertThat(Files.readString(driver.volumePath("c1").resolve("data"))).isEqualTo("one");
        Files.writeString(driver.volumePath("c1").resolve("data"), "clone");
        assertThat(Files.readString(driver.volumePath("v1").resolve("data"))).isEqualTo("two");
        assertThat(driver.volumes()).contains("v1", "c1");
        assertThat(driver.snapshots()).contains("s1");
        assertThat(driver.space()).containsKeys("v1", "c1", "s1");
        assertThat(driver.usage().capacity()).isGreaterThan(500L << 20);

        // ZFS itself refuses to destroy a snapshot with a clone; Strata's rule (409) comes first, promote lifts it.
        assertThatThrownBy(() -> driver.deleteSnapshot("s1")).isInstanceOf(PoolException.class);
        driver.promote("c1", "s1");
        assertThat(driver.snapshots()).contains("s1");
    }

    @Test
    void aDeletedVolumeKeepsItsSnapshotsUntilTheLastOneGoes() throws Exception {
        driver.createVolume("v2");
        Files.writeString(driver.volumePath("v2").resolve("data"), "kept");
        driver.snapshot("v2", "s2");
        driver.deleteVolume("v2");

        assertThat(driver.volumes()).doesNotContain("v2");
        assertThat(driver.snapshots()).contains("s2");
        driver.clone("s2", "c2");
        assertThat(Files.readString(driver.volumePath("c2").resolve("data"))).isEqualTo("kept");

        driver.deleteVolume("c2");
        driver.deleteSnapshot("s2");
        assertThat(driver.snapshots()).doesNotContain("s2");
        assertThat(Processes.run(30, List.of("zfs", "list", "-H", "-o", "name", "-r", poolName + "/strata")))
                .doesNotContain("/v2");
    }

    @Test
    void sizesAreReadInEitherForm() {
        assertThat(ZfsDriver.bytes("3276800")).isEqualTo(3276800);
        assertThat(ZfsDriver.bytes("3.12M")).isEqualTo((long) (3.12 * 1024 * 1024));
        assertThat(ZfsDriver.bytes("-")).isZero();
    }
}
