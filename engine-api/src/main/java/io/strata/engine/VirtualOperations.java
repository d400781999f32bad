package io.strata.engine;

import java.util.Map;

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
     * the snapshot holds every commit and starts without redo). Called only while the engine runs; fails when the
     * engine cannot be reached, rather than letting a snapshot miss commits.
     */
    void preSnapshot(VirtualDatabase vdb);

    /**
     * Before a rewind to a time replaces the clone: ends the kept log with a record of now and hands the log to
     * {@code ownLog}, so that any moment up to now can be recovered (for PostgreSQL a committed transaction and a
     * WAL switch). A no-op when the engine is not running or keeps no log.
     */
    default void endLog(VirtualDatabase vdb) {
    }

    /** Whether it runs, and why not. */
    VirtualStatus status(VirtualDatabase vdb);

    /** Undoes {@link #configure} where it left anything outside the clone. */
    void unconfigure(VirtualDatabase vdb);

    /**
     * How the engine runs in a Kubernetes pod on a clone of a snapshot with this {@code metadata} (its
     * {@link SnapshotMetadata}), for a virtual database of this name and these virtual parameters; {@code null} when
     * the engine has no process to run (plain files: the claim on the clone is the whole virtual database).
     *
     * @throws UserError when the engine cannot run in a pod
     */
    default EnginePod pod(String name, Map<String, Object> parameters,
            Map<String, String> metadata) {
        return null;
    }
}
