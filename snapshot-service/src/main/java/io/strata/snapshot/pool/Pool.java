package io.strata.snapshot.pool;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.ApiException;
import io.strata.common.errors.Errors;
import io.strata.common.process.LocalCommands;
import io.strata.snapshot.config.SnapshotConfig;

/**
 * The service's pool: picks the driver from configuration, opens it at start, and hands it out. When the pool
 * cannot be opened the service still runs (reads work, readiness is DOWN with the reason) and every storage operation
 * is refused with that reason.
 */
@ApplicationScoped
public class Pool {

    private static final Duration USAGE_CACHE = Duration.ofSeconds(1);

    @Inject
    SnapshotConfig config;

    @Inject
    StrataServiceConfig service;

    private volatile PoolDriver driver;
    private volatile String problem = "the pool has not been opened yet";
    private PoolUsage cachedUsage;
    private Instant usageAt = Instant.EPOCH;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        try {
            PoolDriver candidate = create();
            candidate.open();
            driver = candidate;
            problem = null;
            Log.infof("Pool ready: %s driver at %s", candidate.name(), root());
        } catch (RuntimeException e) {
            problem = "Cannot open the " + config.pool().driver() + " pool at " + root() + ": " + Errors.rootMessage(e);
            Log.error(problem);
        }
    }

    private PoolDriver create() {
        String name = config.pool().driver();
        if ("auto".equals(name)) {
            name = "root".equals(System.getProperty("user.name")) && LocalCommands.onPath("mkfs.btrfs")
                    ? "btrfs"
                    : "copy";
        }
        Path home = Path.of(service.home());
        return switch (name) {
            case "btrfs" -> new BtrfsDriver(root(), Path.of(config.pool().image().orElse(home.resolve("pool.img")
                    .toString())), config.pool().size().asLongValue(), home.resolve("exports"));
            case "copy" -> new CopyDriver(root());
            case "zfs" -> new ZfsDriver(config.pool().zfsDataset(), root());
            default -> throw new PoolException("unknown pool driver '" + name + "'; use btrfs, zfs, copy or auto "
                    + "(strata.snapshot.pool.driver)");
        };
    }

    /** The pool's path. */
    public Path root() {
        return Path.of(config.pool().path().orElse(Path.of(service.home()).resolve("pool").toString()));
    }

    /** The open driver; 503 with the reason when the pool is not available. */
    public PoolDriver driver() {
        PoolDriver current = driver;
        if (current == null) {
            throw ApiException.unavailable("The storage pool is not available: " + problem);
        }
        return current;
    }

    /** Whether the pool is open. */
    public boolean isOpen() {
        return driver != null;
    }

    /** Why the pool is not open, or {@code null}. */
    public String problem() {
        return problem;
    }

    /** The pool's usage, at most a second old. */
    public synchronized PoolUsage usage() {
        if (cachedUsage == null || Instant.now().isAfter(usageAt.plus(USAGE_CACHE))) {
            cachedUsage = driver().usage();
            usageAt = Instant.now();
        }
        return cachedUsage;
    }

    /** Forgets the cached usage (after an operation that changed it a lot). */
    public synchronized void invalidateUsage() {
        cachedUsage = null;
    }
}
