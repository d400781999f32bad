package io.strata.masking.postgres;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes to a stream on a thread of its own, through a bounded queue of copies of what it is given. A rebuilt table's
 * masked rows go to the COPY that loads the new table this way: written directly, every pause of the loading backend
 * (on a busy machine, whenever it is not scheduled) would stop the thread that reads the old table and hands chunks
 * to the workers, and so everything else; the queue absorbs such pauses.
 * <p>
 * Not thread-safe on the caller's side: one thread writes, then calls {@link #finish()} or {@link #abort()}.
 */
final class BackgroundWriter extends OutputStream {

    /** What ends the queue. */
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private final Thread thread;
    private volatile Exception failure;

    /**
     * @param target what to write to, only from the writer's thread until {@link #finish()} or {@link #abort()}
     * @param capacity how many writes may wait in the queue
     * @param name the writer thread's name
     */
    BackgroundWriter(OutputStream target, int capacity, String name) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> drain(target), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(OutputStream target) {
        try {
            while (true) {
                byte[] bytes = queue.take();
                if (bytes == END) {
                    return;
                }
                // After a failure the queue is still emptied, so that the caller never waits on a full one.
                if (failure == null) {
                    write(target, bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(OutputStream target, byte[] bytes) {
        try {
            target.write(bytes);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        throwFailure();
        if (length > 0) {
            put(Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }

    /** Waits until everything queued is written to the target; throws what writing it threw. */
    void finish() throws IOException {
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the masked rows were written");
        }
        throwFailure();
    }

    /** Stops the writer without writing what is still queued; the target is the caller's again once it returns. */
    void abort() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(byte[] bytes) throws IOException {
        try {
            queue.put(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the masked rows were written");
        }
    }

    private void throwFailure() throws IOException {
        Exception failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}
