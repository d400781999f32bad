package io.strata.masking.postgres;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads the rows of COPY text streams over worker threads, so that one big table is masked (or scanned for leaks)
 * by every core rather than by the one thread that reads it. The thread that reads a stream cuts it into chunks of
 * whole rows (a newline byte always ends a row in COPY text: a newline inside a value is escaped), hands each chunk
 * to a worker and takes the results back <em>in the stream's order</em>: the spool of a masked table then holds the
 * rows in their original order, so the reloaded table keeps its physical order (what {@code CLUSTER} made of it, and
 * the correlation the planner has measured) and the same input gives the same bytes.
 * <p>
 * Memory is bounded for all the streams together: at most twice as many chunks as workers, of about
 * {@value #CHUNK_BYTES} bytes each, are read and not yet taken back. A reader that finds no room takes back its own
 * oldest result first, so readers never wait on each other's chunks. One set of workers serves several tables read
 * at the same time, so a big table gets every worker once the small ones are done.
 */
final class ChunkWorkers implements AutoCloseable {

    /** A chunk's size: big enough that handing it over costs nothing next to its rows' work, small in memory. */
    static final int CHUNK_BYTES = 1 << 18;

    private final ExecutorService pool;
    private final Semaphore room;

    /** A piece of a COPY text stream: whole rows, the first of them row {@code firstRow} (from 0) of the stream. */
    record Chunk(byte[] bytes, int length, long firstRow) {

        /** A reader of the chunk's rows. */
        CopyTextReader reader() {
            return new CopyTextReader(new ByteArrayInputStream(bytes, 0, length));
        }
    }

    /** What a worker does with a chunk. */
    @FunctionalInterface
    interface Work<R> {

        R process(Chunk chunk) throws IOException;
    }

    /** What the reading thread does with each result, in the stream's order. */
    @FunctionalInterface
    interface Sink<R> {

        void accept(R result) throws IOException;
    }

    /** {@code workers} threads named after {@code name}. */
    ChunkWorkers(String name, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, name + "-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.room = new Semaphore(2 * workers);
    }

    /**
     * Reads the stream to its end, has every chunk processed by a worker and gives the results to the sink, in order,
     * on the calling thread. A failure of a worker or of the sink stops the reading and is thrown here (a
     * {@link RuntimeException} or an {@link IOException} as it was thrown).
     *
     * @return the bytes read
     */
    <R> long run(InputStream in, Work<R> work, Sink<R> sink) throws IOException {
        Deque<Future<R>> pending = new ArrayDeque<>();
        Splitter splitter = new Splitter(in);
        try {
            while (true) {
                makeRoom(pending, sink);
                Chunk chunk = splitter.next();
                if (chunk == null) {
                    room.release();
                    break;
                }
                pending.add(pool.submit(() -> work.process(chunk)));
                while (!pending.isEmpty() && pending.peekFirst().isDone()) {
                    deliver(pending, sink);
                }
            }
            while (!pending.isEmpty()) {
                deliver(pending, sink);
            }
            return splitter.bytesRead;
        } finally {
            // Only after a failure: the results nobody will take are dropped, and their room given back.
            pending.forEach(future -> future.cancel(true));
            room.release(pending.size());
        }
    }

    /** Takes room for one more chunk, handing over this stream's own results while there is none. */
    private <R> void makeRoom(Deque<Future<R>> pending, Sink<R> sink) throws IOException {
        while (!room.tryAcquire()) {
            if (pending.isEmpty()) {
                // This reader holds no room, so whoever does will give it back without waiting for this one.
                try {
                    room.acquire();
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting for a masking worker");
                }
            }
            deliver(pending, sink);
        }
    }

    /** Waits for the oldest result, gives it to the sink and frees its room. */
    private <R> void deliver(Deque<Future<R>> pending, Sink<R> sink) throws IOException {
        R result;
        try {
            result = pending.peekFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a masking worker");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        pending.removeFirst();
        try {
            sink.accept(result);
        } finally {
            // The chunk is out of memory's way, even when the sink failed (the finally of run counts the rest).
            room.release();
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    /** Stops the workers; a worker still busy with a chunk of a failed stream is interrupted and let go. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cuts a stream into chunks that end at a row's end. */
    private static final class Splitter {

        private final InputStream in;
        private byte[] rest = new byte[0];
        private boolean end;
        private long bytesRead;
        private long rows;

        Splitter(InputStream in) {
            this.in = in;
        }

        /** The next chunk, {@code null} at the end of the stream. */
        Chunk next() throws IOException {
            byte[] bytes = Arrays.copyOf(rest, Math.max(CHUNK_BYTES, rest.length * 2));
            int length = rest.length;
            int cut;
            while (true) {
                length = fill(bytes, length);
                cut = end ? length : lastRowEnd(bytes, length);
                if (cut > 0 || end) {
                    break;
                }
                // A row longer than a chunk: the chunk grows until the row fits.
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            rest = Arrays.copyOfRange(bytes, cut, length);
            if (cut == 0) {
                return null;
            }
            Chunk chunk = new Chunk(bytes, cut, rows);
            rows += rowsIn(bytes, cut);
            return chunk;
        }

        private int fill(byte[] bytes, int from) throws IOException {
            int length = from;
            while (!end && length < bytes.length) {
                int read = in.read(bytes, length, bytes.length - length);
                if (read < 0) {
                    end = true;
                } else {
                    length += read;
                    bytesRead += read;
                }
            }
            return length;
        }

        /** Where the bytes after the last newline start, 0 when there is none. */
        private static int lastRowEnd(byte[] bytes, int length) {
            for (int i = length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return i + 1;
                }
            }
            return 0;
        }

        /** The rows of a chunk, a last line without its newline counted too (as the reader takes it). */
        private static long rowsIn(byte[] bytes, int length) {
            long count = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\n') {
                    count++;
                }
            }
            return bytes[length - 1] == '\n' ? count : count + 1;
        }
    }
}
