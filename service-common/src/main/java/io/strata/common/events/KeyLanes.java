package io.strata.common.events;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the {@link EventConsumer} applies independent events side by side: one lane per record key, whose work runs
 * one piece after the other in the order it was handed over, on a fixed number of daemon threads. At most
 * {@code limit} pieces are handed over and not done; {@link #submit} waits for room beyond that, so that the consumer
 * does not read ahead without bound. Work that throws stops every lane (nothing more runs, so nothing after it is
 * reported applied) and is rethrown by {@link #rethrowFailure}.
 */
final class KeyLanes implements AutoCloseable {

    /** A piece of work: applying one record and reporting it done. */
    @FunctionalInterface
    interface Work {

        void run() throws InterruptedException;
    }

    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final ExecutorService threads;
    private final Semaphore room;
    private final int limit;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private volatile Throwable failure;

    KeyLanes(int parallelism, int limit) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "event-consumer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.limit = limit;
        this.room = new Semaphore(limit);
    }

    /** Runs {@code work} once the work handed over before for the same key is done. */
    void submit(String key, Work work) throws InterruptedException {
        room.acquire();
        synchronized (this) {
            CompletableFuture<Void> tail = tails.getOrDefault(key, IDLE).thenRunAsync(() -> run(work), threads);
            tails.put(key, tail);
            tail.whenComplete((ignored, error) -> forget(key, tail));
        }
    }

    /** Waits until every lane has run all its work. */
    void awaitIdle() throws InterruptedException {
        room.acquire(limit);
        room.release(limit);
    }

    /** Throws what stopped the lanes, if anything did. */
    void rethrowFailure() throws InterruptedException {
        Throwable stopped = failure;
        if (stopped instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (stopped instanceof RuntimeException runtime) {
            throw new IllegalStateException("applying an event failed: " + runtime.getMessage(), runtime);
        }
        if (stopped instanceof Error error) {
            throw error;
        }
    }

    /** Lets the running work finish (for a few seconds), then stops the threads. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void run(Work work) {
        try {
            if (failure == null) {
                work.run();
            }
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            room.release();
        }
    }

    private synchronized void forget(String key, CompletableFuture<Void> tail) {
        tails.remove(key, tail);
    }
}
