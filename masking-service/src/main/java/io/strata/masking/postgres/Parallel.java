package io.strata.masking.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs tasks on a fixed pool of threads and keeps each task's result or failure. */
public final class Parallel {

    private Parallel() {
    }

    /** A task's result, or what it threw. */
    public record Attempt<T>(T value, Throwable failure) {
    }

    /**
     * Runs every task, at most {@code threads} at a time, and waits for all of them.
     *
     * @return one attempt per task, in the order of the tasks
     * @throws CancellationException when the calling thread is interrupted (the tasks are interrupted too)
     */
    public static <T> List<Attempt<T>> run(String name, int threads, List<Callable<T>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<T>> futures = tasks.stream().map(pool::submit).toList();
            List<Attempt<T>> attempts = new ArrayList<>();
            for (Future<T> future : futures) {
                attempts.add(await(future));
            }
            return attempts;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Attempt<T> await(Future<T> future) {
        try {
            return new Attempt<>(future.get(), null);
        } catch (ExecutionException e) {
            return new Attempt<>(null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for the tasks");
        }
    }
}
