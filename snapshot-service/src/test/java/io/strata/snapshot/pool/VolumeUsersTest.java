package io.strata.snapshot.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the processes that work inside a volume, so that it is not deleted under them. */
class VolumeUsersTest {

    @Test
    void aProcessWorkingInTheVolumeOrBelowIsFoundAndNoLongerOnceItEnds(@TempDir Path volume) throws Exception {
        Path data = Files.createDirectories(volume.resolve("base"));
        Process server = new ProcessBuilder("sleep", "60").directory(data.toFile()).start();
        try {
            assertThat(VolumeUsers.of(volume)).containsExactly(server.pid() + " (sleep)");
            assertThat(VolumeUsers.of(volume.resolveSibling(volume.getFileName() + "-other"))).isEmpty();
        } finally {
            server.destroyForcibly().waitFor();
        }
        assertThat(VolumeUsers.of(volume)).isEmpty();
    }
}
