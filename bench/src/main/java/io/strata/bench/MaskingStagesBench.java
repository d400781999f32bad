package io.strata.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;

import io.strata.masking.algorithms.FileMaskingKeys;
import io.strata.masking.algorithms.Masker;
import io.strata.masking.postgres.ColumnRef;
import io.strata.masking.postgres.CopyTextReader;
import io.strata.masking.postgres.CopyTextWriter;
import io.strata.masking.postgres.LeakVerifier;
import io.strata.testing.PostgresCluster;

/**
 * {@code make bench-masking-stages}: where the masking's CPU goes, stage by stage, on the orders of
 * {@link MaskingBench} (a million by default, {@code -Dbench.rows}): the table's COPY text is read into memory once,
 * then each stage the masking runs on every row is timed alone on one thread: decoding the COPY text, each column's
 * masker, the leak check's recording of each original and masked value, and encoding the masked rows. Their sum is the
 * JVM's CPU per row that the masking cannot do without; with PostgreSQL's own share (reading and writing the table,
 * building its indexes) it bounds what two cores can mask per second.
 */
public final class MaskingStagesBench {

    private static final int ROUNDS = 3;
    /** The masked columns' places in a row of orders. */
    private static final int FIRST_MASKED = 4;

    private MaskingStagesBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000L);
        Path keyDirectory = Files.createTempDirectory("strata-bench-keys-");
        try (PostgresCluster cluster = PostgresCluster.start(Map.of("shared_buffers", "'512MB'", "autovacuum",
                "off"))) {
            new MaskingBench(cluster, rows).load();
            byte[] copy;
            long start = System.nanoTime();
            try (Connection connection = cluster.connect(MaskingBench.BASELINE_DB)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY orders TO STDOUT", out);
                copy = out.toByteArray();
            }
            System.out.printf("COPY out of %,d rows: %.2f s, %,d bytes%n", rows, (System.nanoTime() - start) / 1e9,
                    copy.length);
            Map<ColumnRef, Masker> maskers = MaskingBench.maskers(() -> cluster.connect(MaskingBench.BASELINE_DB),
                    new FileMaskingKeys(keyDirectory));
            for (int round = 1; round <= ROUNDS; round++) {
                Map<String, Double> perRow = stages(copy, maskers);
                StringBuilder line = new StringBuilder("round " + round + ", µs per row:");
                perRow.forEach((stage, micros) -> line.append(String.format(" %s %.2f |", stage, micros)));
                line.append(String.format(" sum %.2f", perRow.values().stream().mapToDouble(Double::doubleValue)
                        .sum()));
                System.out.println(line);
            }
        } finally {
            MaskingBench.deleteTree(keyDirectory);
        }
    }

    /** Each stage's time over every row, in microseconds per row. */
    private static Map<String, Double> stages(byte[] copy, Map<ColumnRef, Masker> maskers) throws Exception {
        Map<String, Double> perRow = new LinkedHashMap<>();
        long start = System.nanoTime();
        List<String[]> rows = new ArrayList<>();
        CopyTextReader reader = new CopyTextReader(new ByteArrayInputStream(copy));
        while (reader.next()) {
            String[] row = new String[reader.fieldCount()];
            for (int field = 0; field < row.length; field++) {
                row[field] = reader.isNull(field) ? null : reader.value(field);
            }
            rows.add(row);
        }
        double count = rows.size();
        perRow.put("decode", micros(start, count));
        List<Masker> columns = List.copyOf(maskers.values());
        String[][] masked = new String[rows.size()][columns.size()];
        for (int column = 0; column < columns.size(); column++) {
            Masker masker = columns.get(column);
            start = System.nanoTime();
            for (int row = 0; row < rows.size(); row++) {
                masked[row][column] = masker.mask(rows.get(row)[FIRST_MASKED + column], Masker.Row.NONE);
            }
            perRow.put(List.copyOf(maskers.keySet()).get(column).column(), micros(start, count));
        }
        LeakVerifier verifier = new LeakVerifier(List.copyOf(maskers.keySet()), rows.size() * (long) columns.size());
        start = System.nanoTime();
        LeakVerifier.Recorder recorder = verifier.recorder();
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < columns.size(); column++) {
                recorder.record(column, rows.get(row)[FIRST_MASKED + column], masked[row][column]);
            }
        }
        recorder.flush();
        perRow.put("leak-record", micros(start, count));
        start = System.nanoTime();
        CopyTextWriter writer = new CopyTextWriter(OutputStream.nullOutputStream());
        for (int row = 0; row < rows.size(); row++) {
            String[] fields = rows.get(row);
            for (int field = 0; field < fields.length; field++) {
                writer.value(field >= FIRST_MASKED ? masked[row][field - FIRST_MASKED] : fields[field]);
            }
            writer.endRow();
        }
        writer.flush();
        perRow.put("encode", micros(start, count));
        return perRow;
    }

    private static double micros(long startNanos, double rows) {
        return (System.nanoTime() - startNanos) / 1e3 / rows;
    }
}
