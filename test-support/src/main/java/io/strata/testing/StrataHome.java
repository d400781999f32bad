package io.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code $STRATA_HOME} of a test's own: a temporary directory for the pool file, its mount point, exports and
 * logs. Closing it stops the NFS server started there, unmounts everything mounted below it (deepest first; mounts
 * outlive processes, and CI runs on the same machine) and deletes it.
 */
public final class StrataHome implements AutoCloseable {

    private final Path path;

    private StrataHome(Path path) {
        this.path = path;
    }

    /** A new empty home. */
    public static StrataHome create() {
        try {
            Path path = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "strata-home-");
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new StrataHome(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** Stops what was started here and unmounts what was mounted here, leaving the files. */
    public void release() {
        stopPostgresServers();
        Path pidFile = path.resolve("run/ganesha.pid");
        if (Files.exists(pidFile)) {
            try {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(handle -> {
                    handle.destroy();
                    handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null)
                            .join();
                    if (handle.isAlive()) {
                        handle.destroyForcibly();
                    }
                });
            } catch (IOException | NumberFormatException e) {
                // No server to stop.
            }
        }
        List<String> mounts = Processes.run(10, List.of("findmnt", "-rn", "-o", "TARGET")).lines()
                .filter(target -> target.startsWith(path.toString() + "/")).sorted(Comparator.comparingInt(
                        String::length).reversed())
                .toList();
        for (String target : mounts) {
            try {
                Processes.run(30, List.of("umount", target));
            } catch (IllegalStateException e) {
                Processes.run(30, List.of("umount", "-l", target));
            }
        }
    }

    /** Stops every PostgreSQL server whose data directory is below this home (staging standbys, VDBs). */
    private void stopPostgresServers() {
        try (Stream<Path> files = Files.find(path, 6, (file, attributes) -> file.getFileName().toString().equals(
                "postmaster.pid"))) {
            for (Path pidFile : files.toList()) {
                try {
                    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                    ProcessHandle.of(pid).ifPresent(handle -> {
                        handle.destroy();
                        handle.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null)
                                .join();
                        if (handle.isAlive()) {
                            handle.destroyForcibly();
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    // Not a running server.
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Nothing to stop.
        }
    }

    @Override
    public void close() {
        release();
        Processes.deleteTree(path);
    }
}
