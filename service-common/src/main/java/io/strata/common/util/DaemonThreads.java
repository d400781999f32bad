package io.strata.common.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Thread pools for background work that must never keep the JVM alive on shutdown. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A cached pool of daemon threads named {@code name}. */
    public static ExecutorService pool(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
