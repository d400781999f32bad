package io.strata.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Work started at once on a thread of its own and waited for where its result is needed. Making the JSON mapper takes
 * about as long as picocli's reading of the command line; on two cores they overlap.
 */
final class Background {

    private Background() {
    }

    /** Starts {@code work} on a daemon thread; the supplier returned waits for its result. */
    static <T> Supplier<T> start(String name, Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread thread = new Thread(task, "strata-" + name);
        thread.setDaemon(true);
        thread.start();
        return () -> {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.INTERNAL, "interrupted while starting");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure
                        ? failure
                        : new IllegalStateException(e.getCause());
            }
        };
    }
}
