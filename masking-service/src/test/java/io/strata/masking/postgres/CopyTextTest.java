package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import io.strata.testing.PostgresCluster;

class CopyTextTest {

    private static final List<String> TRICKY = Arrays.asList("plain", "", null, "tab\there", "new\nline",
            "carriage\rreturn", "back\\slash", "\\N", "\\.", "bell\b form\f vertical\u000b", "trailing\\",
            "Luís Gonçalves, São José dos Campos, 東京, 😀 and 𝄞", "\\x41\\101");

    @Test
    void valuesRoundTripThroughTheWriterAndTheReader() throws IOException {
        List<List<String>> rows = List.of(TRICKY, TRICKY.subList(3, 8), List.of("one field"));

        List<List<String>> read = read(write(rows));

        assertThat(read).isEqualTo(rows);
    }

    @Test
    void octalAndHexEscapesAreDecodedAsPostgresqlDecodesThem() throws IOException {
        String input = "\\101\\x41\\x4g\\q\\xg\\303\\251\\7\\\\\\N\tA\\tB\n";

        assertThat(read(input.getBytes(StandardCharsets.UTF_8))).containsExactly(List.of(
                "AA\u0004gqxgé\u0007\\N", "A\tB"));
    }

    @Test
    void aLoneBackslashNIsNullButAnEscapedOneIsText() throws IOException {
        CopyTextReader reader = new CopyTextReader(new ByteArrayInputStream("\\N\t\\\\N\t\n".getBytes(
                StandardCharsets.UTF_8)));

        assertThat(reader.next()).isTrue();
        assertThat(reader.isNull(0)).isTrue();
        assertThat(reader.value(0)).isNull();
        assertThat(reader.isNull(1)).isFalse();
        assertThat(reader.value(1)).isEqualTo("\\N");
        assertThat(reader.value(2)).isEmpty();
        assertThat(reader.next()).isFalse();
    }

    @Test
    void theEndMarkerEndsTheDataAndALastLineWithoutNewlineIsARow() throws IOException {
        assertThat(read("a\tb\n\\.\nnot data\n".getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("a",
                "b"));
        assertThat(read("a\nb".getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("a"), List.of("b"));
        assertThat(read(new byte[0])).isEmpty();
    }

    @Test
    void rowsLargerThanTheBufferAndRowsAcrossItsEdgeAreRead() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("x".repeat(300_000), "tail\\"));
        for (int i = 0; i < 20_000; i++) {
            rows.add(List.of(Integer.toString(i), "value\t" + i));
        }

        assertThat(read(write(rows))).isEqualTo(rows);
    }

    @Test
    void fieldsCopiedUnreadKeepTheirEscapes() throws IOException {
        byte[] original = write(List.of(TRICKY));
        CopyTextReader reader = new CopyTextReader(new ByteArrayInputStream(original));
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        CopyTextWriter writer = new CopyTextWriter(copy);

        while (reader.next()) {
            for (int i = 0; i < reader.fieldCount(); i++) {
                reader.copyField(i, writer);
            }
            writer.endRow();
        }
        writer.flush();

        assertThat(copy.toByteArray()).isEqualTo(original);
        assertThat(reader.bytesRead()).isEqualTo(original.length);
    }

    @Test
    void postgresqlReadsWhatTheWriterWritesAndTheReaderReadsWhatPostgresqlWrites() throws SQLException,
            IOException {
        PostgresCluster cluster = PostgresCluster.shared();
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        cluster.execute(database, "create table t (n int, v text, a text[], j jsonb)");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < TRICKY.size(); i++) {
            String value = TRICKY.get(i);
            rows.add(Arrays.asList(Integer.toString(i), value, "{\"a\tb\",NULL}", value == null
                    ? null
                    : "{\"k\": \"tab\\tand é\"}"));
        }
        try (Connection connection = cluster.connect(database)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY t FROM STDIN", new ByteArrayInputStream(
                    write(rows)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY t TO STDOUT", out);

            assertThat(read(out.toByteArray())).isEqualTo(rows);
        }
        assertThat(ChinookMaskingTest.strings(database, "select v from t order by n")).isEqualTo(TRICKY);
    }

    private static byte[] write(List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyTextWriter writer = new CopyTextWriter(out);
        for (List<String> row : rows) {
            for (String value : row) {
                writer.value(value);
            }
            writer.endRow();
        }
        writer.flush();
        assertThat(writer.bytesWritten()).isEqualTo(out.size());
        return out.toByteArray();
    }

    private static List<List<String>> read(byte[] bytes) throws IOException {
        CopyTextReader reader = new CopyTextReader(new ByteArrayInputStream(bytes));
        List<List<String>> rows = new ArrayList<>();
        while (reader.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < reader.fieldCount(); i++) {
                row.add(reader.value(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
