package io.strata.engine;

/**
 * Running an engine on a writable clone (Delphix: virtual operations): {@link #configure} after the clone is
 * attached (port, configuration, recovery state removed or a recovery target set), {@link #start}, {@link #stop},
 * {@link #status}, and {@link #unconfigure} before it is detached.
 */
public interface VirtualOperations {

    /** Makes the clone a database of its own: its port, socket, configuration, users. */
    void configure(VirtualDatabase vdb);

    /** Starts the engine; returns once it accepts connections. */
    void start(VirtualDatabase vdb);

    /** Stops the engine. */
    void stop(VirtualDatabase vdb);

    /**
     * Makes what has been committed durable on the clone before it is snapshotted (for PostgreSQL a CHECKPOINT, so
     * the snapshot holds every commit and starts without redo). A no-op when the engine is not running.
     */
    void preSnapshot(VirtualDatabase vdb);

    /** Whether it runs, and why not. */
    VirtualStatus status(VirtualDatabase vdb);

    /** Undoes {@link #configure} where it left anything outside the clone. */
    void unconfigure(VirtualDatabase vdb);
}
