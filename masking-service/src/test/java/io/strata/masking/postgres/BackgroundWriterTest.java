package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** The queue between a rebuilt table's masked chunks and the COPY that loads them. */
class BackgroundWriterTest {

    @Test
    void everythingArrivesInOrderOnceFinished() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        BackgroundWriter writer = new BackgroundWriter(target, 2, "test-writer");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            byte[] line = ("row " + i + "\n").getBytes(StandardCharsets.UTF_8);
            writer.write(line, 0, line.length);
            expected.append("row ").append(i).append('\n');
        }

        writer.finish();

        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void aFailureOfTheTargetReachesTheCallerWithoutBlockingIt() {
        OutputStream failing = new OutputStream() {

            @Override
            public void write(int b) throws IOException {
                throw new IOException("target refused");
            }
        };
        BackgroundWriter writer = new BackgroundWriter(failing, 1, "test-writer");

        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                writer.write(new byte[]{1, 2, 3}, 0, 3);
            }
            writer.finish();
        }).isInstanceOf(IOException.class).hasMessage("target refused");
    }

    @Test
    void abortStopsAWriterStuckOnItsTarget() throws IOException, InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        OutputStream blocking = new OutputStream() {

            @Override
            public void write(int b) throws IOException {
                stuck.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        };
        BackgroundWriter writer = new BackgroundWriter(blocking, 4, "test-writer");
        writer.write(new byte[]{1}, 0, 1);
        stuck.await();

        writer.abort();

        assertThatThrownBy(() -> writer.write(new byte[]{2}, 0, 1)).isInstanceOf(IOException.class).hasMessage(
                "interrupted");
    }
}
