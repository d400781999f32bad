package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

class ChunkWorkersTest {

    /** Rows enough for many chunks, one of them longer than a chunk, the last without its newline. */
    private static String rows(String prefix) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            text.append(prefix).append(i).append("\tvalue ").append(i).append('\n');
            if (i == 20_000) {
                text.append("long\t").append("x".repeat(ChunkWorkers.CHUNK_BYTES * 2)).append('\n');
            }
        }
        return text.append(prefix).append("last\tno newline").toString();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first field of every row of the chunk. */
    private static List<String> firstFields(ChunkWorkers.Chunk chunk) throws IOException {
        List<String> fields = new ArrayList<>();
        CopyTextReader reader = chunk.reader();
        while (reader.next()) {
            fields.add(reader.value(0));
        }
        return fields;
    }

    @Test
    void everyRowComesBackOnceInTheStreamsOrderWithItsNumber() throws IOException {
        String text = rows("r");
        List<String> expected = new ArrayList<>();
        for (String line : text.split("\n")) {
            expected.add(line.substring(0, line.indexOf('\t')));
        }
        List<String> seen = new ArrayList<>();
        List<Long> firstRows = new ArrayList<>();
        long bytes;
        try (ChunkWorkers workers = new ChunkWorkers("test", 3)) {
            bytes = workers.run(stream(text), chunk -> {
                List<String> fields = firstFields(chunk);
                return new Object[]{chunk.firstRow(), fields};
            }, result -> {
                firstRows.add((Long) result[0]);
                assertThat(result[0]).isEqualTo((long) seen.size());
                @SuppressWarnings("unchecked")
                List<String> fields = (List<String>) result[1];
                seen.addAll(fields);
            });
        }

        assertThat(seen).isEqualTo(expected);
        assertThat(firstRows).hasSizeGreaterThan(4);
        assertThat(bytes).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aWorkersFailureIsThrownAndTheWorkersServeTheNextStream() throws IOException {
        try (ChunkWorkers workers = new ChunkWorkers("test", 2)) {
            List<Long> delivered = new ArrayList<>();
            assertThatThrownBy(() -> workers.run(stream(rows("a")), chunk -> {
                if (chunk.firstRow() > 0) {
                    throw new IllegalStateException("masker failed after row " + chunk.firstRow());
                }
                return chunk.firstRow();
            }, delivered::add)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(
                    "masker failed");
            assertThat(delivered).containsExactly(0L);

            List<Long> rows = new ArrayList<>();
            workers.run(stream("x\ny\n"), chunk -> chunk.firstRow(), rows::add);
            assertThat(rows).containsExactly(0L);
            workers.run(stream(""), chunk -> chunk.firstRow(), rows::add);
            assertThat(rows).containsExactly(0L);
        }
    }

    @Test
    void streamsReadAtTheSameTimeShareOneWorkerWithoutWaitingForEachOther() {
        try (ChunkWorkers workers = new ChunkWorkers("test", 1)) {
            List<Callable<Long>> streams = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String text = rows("s" + i);
                streams.add(() -> {
                    long[] rows = new long[1];
                    workers.run(stream(text), chunk -> firstFields(chunk).size(), count -> rows[0] += count);
                    return rows[0];
                });
            }

            List<Parallel.Attempt<Long>> attempts = Parallel.run("readers", 4, streams);

            assertThat(attempts).allSatisfy(attempt -> {
                assertThat(attempt.failure()).isNull();
                assertThat(attempt.value()).isEqualTo(60_002L);
            });
        }
    }
}
