package io.strata.masking.postgres;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.postgresql.copy.PGCopyOutputStream;

import io.strata.masking.algorithms.Masker;

/**
 * Rewrites one table with its masked values, in one transaction, as {@link InPlaceMasking} describes: into a new table
 * swapped in for it ({@link TableRebuild}), loaded while the old one is read, or, where a swap is not safe, in place
 * (truncated and loaded from a spool file after it is read). Its foreign keys are already dropped, but for the ones
 * that stay.
 */
final class TableMasking implements Callable<TableMasking.Result> {

    private static final Logger LOG = Logger.getLogger(TableMasking.class);
    private static final int STREAM_BUFFER = 1 << 16;
    private static final double NANOS_PER_SECOND = 1e9;
    /** Masked chunks waiting for the load of a rebuilt table: about 20 MB. */
    private static final int LOAD_QUEUE = 64;

    /** A masked column of the table: where it is in the COPY row, its masker and its number in the leak check. */
    record MaskedColumn(ColumnRef column, int index, Masker masker, int source) {
    }

    /** What masking one table did. */
    record Result(String table, long rows, Map<ColumnRef, Long> values, Map<ColumnRef, Long> changed, long bytes) {
    }

    /** A user trigger switched off while the table is rewritten, and how it was enabled. */
    private record Trigger(String name, String enabled) {
    }

    private final ConnectionFactory connections;
    private final TableSchema table;
    private final List<MaskedColumn> masked;
    private final LeakVerifier verifier;
    private final Path spoolDirectory;
    private final ChunkWorkers workers;
    private final String rebuildObstacle;
    private final List<ForeignKey> keptForeignKeys;
    /** The masked column at each position of the COPY row, {@code null} where a column is not masked. */
    private final MaskedColumn[] maskedAt;
    /** The position of each column in the COPY row, for the maskers that look at other columns of the row. */
    private final Map<String, Integer> indexOf = new HashMap<>();

    /**
     * @param rebuildObstacle why the table cannot be rebuilt and swapped in ({@link TableRebuild#obstacle}), so it
     *        is rewritten in place; {@code null} to rebuild it
     * @param keptForeignKeys the foreign keys that leave the table and stay in place while it is masked
     */
    TableMasking(ConnectionFactory connections, TableSchema table, List<MaskedColumn> masked, LeakVerifier verifier,
            Path spoolDirectory, ChunkWorkers workers, String rebuildObstacle, List<ForeignKey> keptForeignKeys) {
        this.connections = connections;
        this.rebuildObstacle = rebuildObstacle;
        this.keptForeignKeys = List.copyOf(keptForeignKeys);
        this.table = table;
        this.masked = List.copyOf(masked);
        this.verifier = verifier;
        this.spoolDirectory = spoolDirectory;
        this.workers = workers;
        List<String> columns = table.copyColumns();
        this.maskedAt = new MaskedColumn[columns.size()];
        masked.forEach(column -> maskedAt[column.index()] = column);
        for (int i = 0; i < columns.size(); i++) {
            indexOf.put(columns.get(i), i);
        }
    }

    @Override
    public Result call() throws SQLException, IOException {
        if (rebuildObstacle == null) {
            return inTransaction(this::rebuild);
        }
        Path spool = Files.createTempFile(spoolDirectory, "strata-mask-", ".copy");
        try {
            return inTransaction(connection -> rewrite(connection, spool));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** What masks the table in the connection's transaction. */
    @FunctionalInterface
    private interface Rewrite {

        Result apply(Connection connection) throws SQLException, IOException;
    }

    /** Runs the rewrite in one transaction of its own connection, then analyzes the table. */
    private Result inTransaction(Rewrite rewrite) throws SQLException, IOException {
        try (Connection connection = connections.open()) {
            PostgresMasking.tune(connection);
            connection.setAutoCommit(false);
            Result result;
            try {
                result = rewrite.apply(connection);
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            analyze(connection);
            return result;
        }
    }

    /** The values' distributions changed: new statistics for the clone's users; the masking stands without them. */
    private void analyze(Connection connection) {
        try {
            connection.setAutoCommit(true);
            Sql.execute(connection, "ANALYZE " + table.sql());
        } catch (SQLException e) {
            LOG.warnf("Masked %s, but could not analyze it afterwards: %s", table.displayName(), Sql.describe(e));
        }
    }

    /**
     * Masks the table into a new one and swaps it in ({@link TableRebuild}): this connection loads the new table
     * while another reads the old one, so the load runs while the rows are read and masked rather than after.
     */
    private Result rebuild(Connection connection) throws SQLException, IOException {
        long start = System.nanoTime();
        // EXCLUSIVE rather than ACCESS EXCLUSIVE: nobody writes, and the reading connection can still read.
        Sql.execute(connection, "SET LOCAL synchronous_commit = off", "LOCK TABLE " + table.sql()
                + " IN EXCLUSIVE MODE", "SET LOCAL session_replication_role = replica");
        TableRebuild rebuild = TableRebuild.read(connection, table);
        rebuild.createEmptyTable(connection, keptForeignKeys);
        Result result;
        // FREEZE: the table was created in this transaction (see rewrite).
        PGCopyOutputStream load = new PGCopyOutputStream(connection.unwrap(PGConnection.class), "COPY " + rebuild
                .newTableSql() + " (" + Sql.quoteAll(table.copyColumns()) + ") FROM STDIN (FREEZE)", STREAM_BUFFER);
        BackgroundWriter writer = new BackgroundWriter(load, LOAD_QUEUE, "load-" + table.displayName());
        boolean written = false;
        try (Connection reader = connections.open()) {
            PostgresMasking.tune(reader);
            result = maskInto(reader, writer);
            writer.finish();
            written = true;
            long loaded = load.endCopy();
            if (loaded != result.rows()) {
                throw new IOException("COPY loaded " + loaded + " rows of " + table.displayName() + " where "
                        + result.rows() + " were masked");
            }
        } catch (IOException e) {
            // A failed write to the COPY: PostgreSQL's error says which column refused a value.
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        } finally {
            if (!written) {
                writer.abort();
            }
            cancel(load);
        }
        long loaded = System.nanoTime();
        rebuild.swap(connection);
        restoreKeysAndIndexes(connection);
        rebuild.restore(connection, keptForeignKeys);
        long indexed = System.nanoTime();
        double loading = (loaded - start) / NANOS_PER_SECOND;
        double swapping = (indexed - loaded) / NANOS_PER_SECOND;
        LOG.infof("Masked %s into a new table: %d rows, %d bytes; read, masked and loaded in %.1f s, swapped in, "
                + "keys and indexes built in %.1f s", table.displayName(), result.rows(), result.bytes(), loading,
                swapping);
        return result;
    }

    /** Ends a load that failed half-way; the transaction rolls back anyway, so a failure to cancel changes nothing. */
    private static void cancel(PGCopyOutputStream load) {
        if (load.isActive()) {
            try {
                load.cancelCopy();
            } catch (SQLException e) {
                LOG.debugf("Could not cancel a COPY that failed: %s", Sql.describe(e));
            }
        }
    }

    private Result rewrite(Connection connection, Path spool) throws SQLException, IOException {
        long start = System.nanoTime();
        Sql.execute(connection, "SET LOCAL synchronous_commit = off", "LOCK TABLE " + table.sql()
                + " IN ACCESS EXCLUSIVE MODE");
        List<Trigger> triggers = disableTriggers(connection);
        Result result;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), STREAM_BUFFER)) {
            result = maskInto(connection, out);
        }
        long masked = System.nanoTime();
        dropKeysAndIndexes(connection);
        Sql.execute(connection, "TRUNCATE ONLY " + table.sql());
        try (InputStream in = Files.newInputStream(spool)) {
            // FREEZE: the table was truncated in this transaction, so the rows can be written frozen, sparing the
            // clone the vacuum that would freeze them later.
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.sql() + " (" + Sql.quoteAll(
                    table.copyColumns()) + ") FROM STDIN (FREEZE)", in, STREAM_BUFFER);
        }
        long loaded = System.nanoTime();
        restoreKeysAndIndexes(connection);
        enableTriggers(connection, triggers);
        long indexed = System.nanoTime();
        LOG.infof("Masked %s: %d rows, %d bytes; read and masked in %.1f s, loaded in %.1f s, keys and indexes "
                + "built in %.1f s", table.displayName(), result.rows(), result.bytes(),
                (masked - start)
                        / NANOS_PER_SECOND,
                (loaded - masked) / NANOS_PER_SECOND, (indexed - loaded)
                        / NANOS_PER_SECOND);
        return result;
    }

    /**
     * Switches off the table's user triggers for this transaction. As superuser, {@code session_replication_role =
     * replica} silences the ordinary ones (and the foreign key triggers); the ones enabled ALWAYS or REPLICA still
     * fire then, so they are disabled by name and enabled again as they were before the commit.
     */
    private List<Trigger> disableTriggers(Connection connection) throws SQLException {
        boolean superuser;
        try (PreparedStatement statement = connection.prepareStatement("select current_setting('is_superuser')");
                ResultSet row = statement.executeQuery()) {
            superuser = row.next() && "on".equals(row.getString(1));
        }
        if (superuser) {
            Sql.execute(connection, "SET LOCAL session_replication_role = replica");
        }
        List<Trigger> triggers = new ArrayList<>();
        String firing = superuser ? "('A', 'R')" : "('O', 'A')";
        try (PreparedStatement statement = connection.prepareStatement("select tgname, tgenabled from pg_trigger "
                + "where tgrelid = ?::regclass and not tgisinternal and tgenabled in " + firing)) {
            statement.setString(1, table.sql());
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    triggers.add(new Trigger(row.getString(1), row.getString(2)));
                }
            }
        }
        for (Trigger trigger : triggers) {
            Sql.execute(connection, "ALTER TABLE " + table.sql() + " DISABLE TRIGGER " + Sql.quote(trigger.name()));
        }
        return triggers;
    }

    private void enableTriggers(Connection connection, List<Trigger> triggers) throws SQLException {
        for (Trigger trigger : triggers) {
            String mode = switch (trigger.enabled()) {
                case "A" -> "ENABLE ALWAYS";
                case "R" -> "ENABLE REPLICA";
                default -> "ENABLE";
            };
            Sql.execute(connection, "ALTER TABLE " + table.sql() + " " + mode + " TRIGGER " + Sql.quote(trigger
                    .name()));
        }
    }

    /** A chunk of rows masked: their COPY text, how many there were, and per column the values and changes. */
    private record MaskedChunk(ByteArrayOutputStream text, long rows, long[] values, long[] changed) {
    }

    /**
     * Reads the table with COPY on the connection and writes the masked rows to {@code out} (a spool file, or the
     * COPY that loads the new table), in the table's order; the rows are masked by the {@link ChunkWorkers}, a chunk
     * at a time.
     */
    private Result maskInto(Connection connection, OutputStream out) throws SQLException, IOException {
        List<String> columns = table.copyColumns();
        long[] values = new long[columns.size()];
        long[] changed = new long[columns.size()];
        long[] rows = new long[1];
        String copy = "COPY " + table.sql() + " (" + Sql.quoteAll(columns) + ") TO STDOUT";
        try (InputStream in = new PGCopyInputStream(connection.unwrap(PGConnection.class), copy)) {
            long bytes = workers.run(in, this::maskChunk, chunk -> {
                chunk.text().writeTo(out);
                rows[0] += chunk.rows();
                for (int i = 0; i < values.length; i++) {
                    values[i] += chunk.values()[i];
                    changed[i] += chunk.changed()[i];
                }
            });
            out.flush();
            return new Result(table.displayName(), rows[0], perColumn(values), perColumn(changed), bytes);
        }
    }

    /** Masks the rows of one chunk, on a worker thread. */
    private MaskedChunk maskChunk(ChunkWorkers.Chunk chunk) throws IOException {
        int fields = maskedAt.length;
        long[] values = new long[fields];
        long[] changed = new long[fields];
        long rows = 0;
        LeakVerifier.Recorder recorder = verifier.recorder();
        CopyTextReader reader = chunk.reader();
        ByteArrayOutputStream text = new ByteArrayOutputStream(chunk.length() + chunk.length() / 4);
        CopyTextWriter writer = new CopyTextWriter(text);
        Masker.Row row = column -> {
            Integer index = indexOf.get(column);
            return index == null ? null : reader.value(index);
        };
        while (reader.next()) {
            requireFields(reader, fields);
            for (int i = 0; i < fields; i++) {
                MaskedColumn column = maskedAt[i];
                if (column == null) {
                    reader.copyField(i, writer);
                    continue;
                }
                String original = reader.value(i);
                String maskedValue = mask(column, original, row, chunk.firstRow() + rows);
                writer.value(maskedValue);
                values[i] += original == null ? 0 : 1;
                changed[i] += Objects.equals(original, maskedValue) ? 0 : 1;
                recorder.record(column.source(), original, maskedValue);
            }
            writer.endRow();
            rows++;
        }
        writer.flush();
        recorder.flush();
        return new MaskedChunk(text, rows, values, changed);
    }

    private void requireFields(CopyTextReader reader, int expected) throws IOException {
        if (reader.fieldCount() != expected) {
            throw new IOException("COPY of " + table.displayName() + " gave a row of " + reader.fieldCount()
                    + " fields where " + expected + " were expected");
        }
    }

    private String mask(MaskedColumn column, String original, Masker.Row row, long rowNumber) {
        try {
            return column.masker().mask(original, row);
        } catch (RuntimeException e) {
            throw new MaskingFailure(List.of("The masker of " + column.column() + " failed on row " + (rowNumber + 1)
                    + " (" + Sql.describe(e) + "); fix its rule, then mask a fresh clone."));
        }
    }

    private Map<ColumnRef, Long> perColumn(long[] counts) {
        Map<ColumnRef, Long> result = new HashMap<>();
        masked.forEach(column -> result.put(column.column(), counts[column.index()]));
        return result;
    }

    private List<KeyConstraint> droppedKeys() {
        return table.keys().stream().filter(key -> !key.inherited()).toList();
    }

    private List<IndexSchema> droppedIndexes() {
        return table.indexes().stream().filter(index -> !index.inherited()).toList();
    }

    /**
     * Drops the keys and indexes PostgreSQL would otherwise update row by row during the COPY; building them once
     * afterwards is several times faster. A partition's keys and indexes attached to its parent's stay.
     */
    private void dropKeysAndIndexes(Connection connection) throws SQLException {
        for (KeyConstraint key : droppedKeys()) {
            Sql.execute(connection, "ALTER TABLE " + table.sql() + " DROP CONSTRAINT " + Sql.quote(key.name()));
        }
        for (IndexSchema index : droppedIndexes()) {
            if (!index.backsConstraint()) {
                Sql.execute(connection, "DROP INDEX " + Sql.quote(table.schema()) + "." + Sql.quote(index.name()));
            }
        }
    }

    /** Adds the keys and indexes back as they were; a key that no longer holds fails the table. */
    private void restoreKeysAndIndexes(Connection connection) throws SQLException {
        for (KeyConstraint key : droppedKeys()) {
            restore(connection, "ALTER TABLE " + table.sql() + " ADD CONSTRAINT " + Sql.quote(key.name()) + " "
                    + key.definition(), key.kind().label() + " " + key.name(), key.columns());
            if (key.comment() != null) {
                Sql.execute(connection, "COMMENT ON CONSTRAINT " + Sql.quote(key.name()) + " ON " + table.sql()
                        + " IS " + Sql.literal(key.comment()));
            }
        }
        for (IndexSchema index : droppedIndexes()) {
            String name = Sql.quote(table.schema()) + "." + Sql.quote(index.name());
            if (!index.backsConstraint()) {
                restore(connection, index.definition(), (index.unique() ? "unique index " : "index ") + index
                        .name(), index.columns());
            }
            if (index.comment() != null) {
                Sql.execute(connection, "COMMENT ON INDEX " + name + " IS " + Sql.literal(index.comment()));
            }
            if (index.clustered()) {
                Sql.execute(connection, "ALTER TABLE " + table.sql() + " CLUSTER ON " + Sql.quote(index.name()));
            }
            if (index.replicaIdentity()) {
                Sql.execute(connection, "ALTER TABLE " + table.sql() + " REPLICA IDENTITY USING INDEX " + Sql
                        .quote(index.name()));
            }
        }
    }

    private void restore(Connection connection, String sql, String what, List<String> columns) throws SQLException {
        try {
            Sql.execute(connection, sql);
        } catch (SQLException e) {
            if (!Sql.isIntegrityViolation(e)) {
                throw e;
            }
            List<String> maskedThere = masked.stream().map(column -> column.column().column()).filter(
                    columns::contains).toList();
            String culprits = maskedThere.isEmpty()
                    ? "its columns"
                    : table.displayName() + "." + String.join(", ",
                            maskedThere);
            throw new MaskingFailure(List.of("The " + what + " of " + table.displayName() + " (" + String.join(
                    ", ", columns) + ") no longer holds after masking (" + Sql.describe(e) + "): the masked values "
                    + "of " + culprits + " collide or are missing; use an algorithm that keeps values distinct "
                    + "there (unique-map, fpe), then mask a fresh clone."));
        }
    }
}
