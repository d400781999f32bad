package io.strata.masking.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * The fail-closed check after masking: no original value of a masked column is left anywhere in the database.
 * <p>
 * While masking, {@link InPlaceMasking} gives it every original value of every masked column and every masked value,
 * through one {@link Recorder} per chunk of rows. It keeps only 64-bit fingerprints of them (see {@link Tokens}: the
 * value's words in lower case, so case and spacing do not hide a copy) in two {@link ShardedLongSet}s (the chunks
 * masked in parallel add to different shards at once), the originals tagged with the masked column they came from;
 * the values themselves are never kept. A set takes 8 bytes a slot (10 with the tag) and is at most three quarters
 * full, so 10 million originals take 168 MB and 10 million outputs 134 MB; when the check starts, the outputs are
 * removed from the originals in place (a shard at a time, on every core) and let go.
 * <p>
 * The rule: a value is a leak when it is an original of a masked column and not also an output of the masking. The
 * exception is needed because a dictionary may legitimately produce, for one row, a name that another row had
 * originally; so outputs are registered whole and as their runs of up to {@value Tokens#MAX_GRAM} words (a masked
 * full name made of dictionary words vouches for each of them).
 * <p>
 * After masking, {@link #verify} reads (every table's rows spread over the {@link ChunkWorkers}) every text-like column (text, varchar, char, name, citext, json, jsonb, xml,
 * arrays of them) of every table and materialized view, and every masked column whatever its type, with COPY, and
 * looks up each whole value and, in text columns, every run of 1 up to N of its words (N the most words any original
 * had, at most {@value Tokens#MAX_GRAM}). An original shorter than {@value Tokens#MIN_LENGTH} characters is not
 * registered: two-letter codes and small numbers are in every database by chance, and finding them would fail every
 * run while telling nothing.
 * <p>
 * Columns the caller declares public text (a catalog's song titles, its composers) are not read: a customer's
 * first name is, by chance, also the name of a song and a word in many a composer's name, and single words cannot
 * tell the two apart. Everything else is, so a rule forgotten on a column that copies another (a fax that repeats
 * the phone, an address that quotes a name) fails the run.
 */
public final class LeakVerifier {

    private static final int INITIAL_CAPACITY = 1 << 16;
    /** Sets are sized up front for at most this many values (168 MB of originals); beyond, they grow as needed. */
    private static final int MOST_EXPECTED = 1 << 23;
    private static final int BATCH = 4096;
    private static final int KIND_BITS = 16;

    private final List<ColumnRef> sources;
    private final Map<ColumnRef, Integer> sourceIds = new HashMap<>();
    private ShardedLongSet originals;
    private ShardedLongSet outputs;
    private volatile ShardedLongSet suspects;
    private final AtomicInteger longestOriginal = new AtomicInteger();

    /**
     * A verifier of these masked columns, as {@link DatabaseSchema#resolve} names them.
     *
     * @throws IllegalArgumentException for more than 32767 columns
     */
    public LeakVerifier(List<ColumnRef> maskedColumns) {
        this(maskedColumns, 0);
    }

    /**
     * A verifier of these masked columns, its sets sized for about {@code expectedValues} values each, so that they
     * need not grow (each growth rewrites the whole set) while masking runs.
     *
     * @throws IllegalArgumentException for more than 32767 columns
     */
    public LeakVerifier(List<ColumnRef> maskedColumns, long expectedValues) {
        int expected = (int) Math.min(Math.max(expectedValues, INITIAL_CAPACITY), MOST_EXPECTED);
        originals = new ShardedLongSet(expected, true);
        outputs = new ShardedLongSet(expected, false);
        if (maskedColumns.size() > LongSet.MAX_TAG) {
            throw new IllegalArgumentException("At most " + LongSet.MAX_TAG + " masked columns can be verified at "
                    + "once, not " + maskedColumns.size());
        }
        this.sources = List.copyOf(maskedColumns);
        for (int i = 0; i < sources.size(); i++) {
            sourceIds.put(sources.get(i), i);
        }
    }

    /**
     * A verifier of the columns the maskers are for, named as rules name them, sized after the planner's estimate
     * of their tables' rows.
     */
    public static LeakVerifier of(DatabaseSchema schema, Collection<ColumnRef> maskedColumns) {
        List<ColumnRef> resolved = maskedColumns.stream().map(schema::resolve).toList();
        long expected = resolved.stream().mapToLong(column -> Math.max(0, schema.table(column.table())
                .rowEstimate())).sum();
        return new LeakVerifier(resolved, expected);
    }

    /**
     * The number by which a {@link Recorder} knows a masked column.
     *
     * @throws IllegalArgumentException for a column not given to the constructor
     */
    public int source(ColumnRef column) {
        Integer id = sourceIds.get(column);
        if (id == null) {
            throw new IllegalArgumentException(column + " is not one of the masked columns " + sources);
        }
        return id;
    }

    /** A recorder for one thread; {@link Recorder#flush()} it at the end. */
    public Recorder recorder() {
        return new Recorder();
    }

    /** Checks the whole database with no column declared public text. */
    public Verification verify(ConnectionFactory connections, DatabaseSchema schema, int threads) {
        return verify(connections, schema, threads, Set.of());
    }

    /**
     * Reads the database for original values, {@code threads} tables at a time.
     *
     * @param publicText columns (as {@link DatabaseSchema#resolve} names them) whose text is public, so they are not
     *        read unless masked
     * @throws MaskingFailure when a table cannot be read: an unread table is not a verified one
     */
    public Verification verify(ConnectionFactory connections, DatabaseSchema schema, int threads,
            Set<ColumnRef> publicText) {
        try (ChunkWorkers workers = new ChunkWorkers("leak-scan", threads)) {
            return verify(schema, threads, publicText, (relation, columns) -> scan(connections, relation, columns,
                    workers));
        }
    }

    /**
     * Reads the database for original values through a reader of its rows, {@code threads} tables at a time: the
     * check of an engine that has no COPY.
     *
     * @param reader reads the named columns of a table, each row's values in their text form
     * @throws MaskingFailure when a table cannot be read
     */
    public Verification verify(DatabaseSchema schema, int threads, Set<ColumnRef> publicText, RowReader reader) {
        return verify(schema, threads, publicText, (relation, columns) -> {
            CellCheck check = new CellCheck();
            reader.read(relation, columns.stream().map(ScanColumn::name).toList(), values -> {
                for (int i = 0; i < columns.size(); i++) {
                    if (values[i] != null) {
                        check.check(values[i], i, columns.get(i));
                    }
                }
            });
            return leaks(check.counts, relation, columns);
        });
    }

    /** Reads rows of a table for the leak check, in the text form masking saw. */
    @FunctionalInterface
    public interface RowReader {

        /** Hands every row's values of the named columns, in that order ({@code null} for SQL NULL), to the sink. */
        void read(TableSchema relation, List<String> columns, Consumer<String[]> rows) throws Exception;
    }

    /** Scans one relation's columns for originals. */
    @FunctionalInterface
    private interface RelationScan {

        List<Leak> scan(TableSchema relation, List<ScanColumn> columns) throws Exception;
    }

    private Verification verify(DatabaseSchema schema, int threads, Set<ColumnRef> publicText,
            RelationScan relationScan) {
        seal();
        if (suspects.size() == 0) {
            return new Verification(List.of());
        }
        List<TableSchema> relations = Stream.concat(schema.tables().stream(), schema.materializedViews().stream())
                .toList();
        List<Callable<List<Leak>>> scans = new ArrayList<>();
        for (TableSchema relation : relations) {
            List<ScanColumn> columns = scanColumns(relation, publicText);
            if (!columns.isEmpty()) {
                scans.add(() -> relationScan.scan(relation, columns));
            }
        }
        List<Leak> leaks = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Parallel.Attempt<List<Leak>> attempt : Parallel.run("leak-scan", threads, scans)) {
            if (attempt.failure() != null) {
                failures.add("The leak check could not read a table: " + Sql.describe(attempt
                        .failure()));
            } else {
                leaks.addAll(attempt.value());
            }
        }
        if (!failures.isEmpty()) {
            throw new MaskingFailure(failures);
        }
        leaks.sort(Comparator.comparing(Leak::table).thenComparing(Leak::column).thenComparing(Leak::kind));
        return new Verification(leaks);
    }

    /** Keeps the originals that are not outputs, and lets the rest go. */
    private synchronized void seal() {
        if (suspects == null) {
            // In place: a second set the size of the first would double the peak memory.
            originals.seal();
            outputs.seal();
            originals.removeAll(outputs);
            // The scan looks up every word of every text column, nearly none of them an original.
            originals.filter();
            suspects = originals;
            originals = null;
            outputs = null;
        }
    }

    private List<ScanColumn> scanColumns(TableSchema relation, Set<ColumnRef> publicText) {
        List<ScanColumn> columns = new ArrayList<>();
        for (ColumnSchema column : relation.columns()) {
            ColumnRef ref = new ColumnRef(relation.displayName(), column.name());
            Integer source = sourceIds.get(ref);
            if (source != null || column.textLike() && !publicText.contains(ref)) {
                columns.add(new ScanColumn(column.name(), column.textLike(), source == null ? -1 : source));
            }
        }
        return columns;
    }

    /** Reads one table; its chunks of rows are looked up by the workers, each with a check of its own. */
    private List<Leak> scan(ConnectionFactory connections, TableSchema relation, List<ScanColumn> columns,
            ChunkWorkers workers) throws SQLException, IOException {
        String names = Sql.quoteAll(columns.stream().map(ScanColumn::name).toList());
        String copy = "COPY (SELECT " + names + " FROM ONLY " + relation.sql() + ") TO STDOUT";
        Map<Long, Long> counts = new HashMap<>();
        try (Connection connection = connections.open();
                InputStream in = new PGCopyInputStream(connection.unwrap(
                        PGConnection.class), copy)) {
            workers.run(in, chunk -> check(chunk, columns), check -> check.counts.forEach((key, count) -> counts
                    .merge(key, count, Long::sum)));
        }
        return leaks(counts, relation, columns);
    }

    private CellCheck check(ChunkWorkers.Chunk chunk, List<ScanColumn> columns) throws IOException {
        CellCheck check = new CellCheck();
        CopyTextReader reader = chunk.reader();
        while (reader.next()) {
            for (int i = 0; i < columns.size(); i++) {
                String value = reader.value(i);
                if (value != null) {
                    check.check(value, i, columns.get(i));
                }
            }
        }
        return check;
    }

    private List<Leak> leaks(Map<Long, Long> counts, TableSchema relation, List<ScanColumn> columns) {
        int mask = (1 << KIND_BITS) - 1;
        return counts.entrySet().stream().map(entry -> {
            long key = entry.getKey();
            return new Leak(relation.displayName(), columns.get((int) (key >>> KIND_BITS * 2)).name(), Leak.Kind
                    .values()[(int) (key >>> KIND_BITS) & mask], sources.get((int) key & mask), entry.getValue());
        }).collect(Collectors.toList());
    }

    /** A column the scan reads: whether its words are looked at, and the masked column it is ({@code -1}: none). */
    private record ScanColumn(String name, boolean words, int source) {
    }

    /** Looks up the values of one chunk of a table, one cell at a time, and counts what it finds. One thread's. */
    private final class CellCheck implements Tokens.Fingerprints {

        private final Tokens tokens = new Tokens();
        private final int longest = longestOriginal.get();
        private final Map<Long, Long> counts = new HashMap<>();
        private final List<Long> cellHits = new ArrayList<>();
        private int column;

        void check(String value, int columnIndex, ScanColumn scanned) {
            tokens.of(value);
            if (!tokens.wholeLongEnough()) {
                return;
            }
            column = columnIndex;
            cellHits.clear();
            int source = suspects.tag(tokens.wholeFingerprint());
            if (source >= 0) {
                hit(source == scanned.source() ? Leak.Kind.SAME_COLUMN : Leak.Kind.OTHER_COLUMN, source);
            }
            if (scanned.words()) {
                tokens.forEachPart(longest, this);
            }
        }

        @Override
        public void accept(long fingerprint) {
            int source = suspects.tag(fingerprint);
            if (source >= 0) {
                hit(Leak.Kind.INSIDE_TEXT, source);
            }
        }

        /** Counts a finding once per cell, however many words of the cell match. */
        private void hit(Leak.Kind kind, int source) {
            long key = ((long) column << KIND_BITS * 2) | ((long) kind.ordinal() << KIND_BITS) | source;
            if (!cellHits.contains(key)) {
                cellHits.add(key);
                counts.merge(key, 1L, Long::sum);
            }
        }
    }

    /**
     * Takes the original and masked values of one chunk of a table's rows, masked on one thread, fingerprints them
     * there and adds them to the verifier's sets in batches, so that chunks masked in parallel do not wait on each
     * other.
     */
    public final class Recorder implements Tokens.Fingerprints {

        private final Tokens tokens = new Tokens();
        private final long[] originalBatch = new long[BATCH];
        private final short[] sourceBatch = new short[BATCH];
        private final long[] outputBatch = new long[BATCH];
        private final long[] scratch = new long[BATCH];
        private final short[] tagScratch = new short[BATCH];
        private int originalCount;
        private int outputCount;
        private int longest;

        private Recorder() {
        }

        /**
         * Records one value's masking.
         *
         * @param source the masked column, from {@link LeakVerifier#source}
         * @param original the original value, {@code null} for NULL
         * @param masked the masked value, {@code null} for NULL
         */
        public void record(int source, String original, String masked) {
            if (original != null && tokens.of(original).wholeLongEnough()) {
                if (originalCount == BATCH) {
                    flush();
                }
                originalBatch[originalCount] = tokens.wholeFingerprint();
                sourceBatch[originalCount++] = (short) source;
                longest = Math.max(longest, Math.min(tokens.count(), Tokens.MAX_GRAM));
            }
            if (masked != null && tokens.of(masked).count() > 0) {
                if (tokens.wholeLongEnough()) {
                    accept(tokens.wholeFingerprint());
                }
                tokens.forEachPart(Tokens.MAX_GRAM, this);
            }
        }

        @Override
        public void accept(long fingerprint) {
            if (outputCount == BATCH) {
                flush();
            }
            outputBatch[outputCount++] = fingerprint;
        }

        /**
         * Adds what is batched to the verifier: each shard of its sets under its own lock, so that recorders of
         * chunks masked in parallel rarely wait for each other.
         */
        public void flush() {
            ShardedLongSet originalSet = originals;
            ShardedLongSet outputSet = outputs;
            if (suspects != null || originalSet == null || outputSet == null) {
                throw new IllegalStateException("The leak check has started; nothing more can be recorded");
            }
            originalSet.addAll(originalBatch, sourceBatch, originalCount, scratch, tagScratch);
            outputSet.addAll(outputBatch, null, outputCount, scratch, null);
            longestOriginal.accumulateAndGet(longest, Math::max);
            originalCount = 0;
            outputCount = 0;
        }
    }
}
