package io.strata.snapshot.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.strata.common.process.CommandException;
import io.strata.common.process.LocalCommands;

/**
 * The portable pool: a plain directory, snapshots and clones made with {@code cp -a --reflink=auto}. On a
 * filesystem with reflinks (XFS with reflink=1, btrfs) they share blocks and cost little; elsewhere each is a full
 * copy, and the space report says so ({@link #thinClones()}). Copies go to a temporary name and are renamed into
 * place, so a crash never leaves a half-copied snapshot under a real id.
 */
public class CopyDriver implements PoolDriver {

    private static final Logger LOG = Logger.getLogger(CopyDriver.class);

    private static final Duration COPY_TIMEOUT = Duration.ofHours(6);
    private static final String PARTIAL = ".partial-";

    private final Path root;
    private boolean thin;

    public CopyDriver(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public void open() {
        try {
            Files.createDirectories(root.resolve("volumes"));
            Files.createDirectories(root.resolve("snapshots"));
            thin = reflinksWork();
            removePartials();
            LOG.infof("Copy pool at %s: clones are %s", root, thin
                    ? "thin (reflinks)"
                    : "full copies (no reflinks "
                            + "on this filesystem)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean reflinksWork() throws IOException {
        Path probe = root.resolve(".reflink-probe");
        Path copy = root.resolve(".reflink-probe-copy");
        try {
            Files.writeString(probe, "probe");
            return LocalCommands.attempt(Duration.ofSeconds(10),
                    List.of("cp", "--reflink=always", probe.toString(), copy.toString()), Map.of(), null).ok();
        } finally {
            Files.deleteIfExists(probe);
            Files.deleteIfExists(copy);
        }
    }

    private void removePartials() throws IOException {
        for (String dir : List.of("volumes", "snapshots")) {
            try (Stream<Path> entries = Files.list(root.resolve(dir))) {
                for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(PARTIAL)).toList()) {
                    LOG.infof("Removing %s, left by an interrupted copy", entry);
                    remove(entry);
                }
            }
        }
    }

    @Override
    public boolean thinClones() {
        return thin;
    }

    @Override
    public Path volumePath(String volumeId) {
        return root.resolve("volumes").resolve(Names.require(volumeId, "volume"));
    }

    @Override
    public Path snapshotPath(String snapshotId) {
        return root.resolve("snapshots").resolve(Names.require(snapshotId, "snapshot"));
    }

    @Override
    public void createVolume(String volumeId) {
        try {
            Files.createDirectories(volumePath(volumeId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void snapshot(String volumeId, String snapshotId) {
        copy(volumePath(volumeId), snapshotPath(snapshotId), "volume " + volumeId);
    }

    @Override
    public void clone(String snapshotId, String volumeId) {
        copy(snapshotPath(snapshotId), volumePath(volumeId), "snapshot " + snapshotId);
    }

    private void copy(Path source, Path target, String what) {
        if (Files.isDirectory(target)) {
            return;
        }
        if (!Files.isDirectory(source)) {
            throw new PoolException(what + " does not exist on the pool (" + source + ")");
        }
        Path partial = target.resolveSibling(PARTIAL + UUID.randomUUID());
        try {
            LocalCommands.run(COPY_TIMEOUT, List.of("cp", "-a", "--reflink=auto", source.toString(),
                    partial.toString()));
            Files.move(partial, target);
        } catch (CommandException e) {
            remove(partial);
            throw new PoolException("copying " + source + " failed: " + e.output(), e);
        } catch (IOException e) {
            remove(partial);
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteVolume(String volumeId) {
        remove(volumePath(volumeId));
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        remove(snapshotPath(snapshotId));
    }

    @Override
    public void promote(String volumeId, String originSnapshotId) {
        // A copy never depends on its source.
    }

    @Override
    public Set<String> volumes() {
        return ids(root.resolve("volumes"));
    }

    @Override
    public Set<String> snapshots() {
        return ids(root.resolve("snapshots"));
    }

    private static Set<String> ids(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(Names::isValid).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public PoolUsage usage() {
        try {
            FileStore store = Files.getFileStore(root);
            long capacity = store.getTotalSpace();
            long free = store.getUsableSpace();
            return new PoolUsage(capacity, capacity - store.getUnallocatedSpace(), free);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, SpaceUsage> space() {
        Map<String, SpaceUsage> space = new HashMap<>();
        for (String dir : List.of("volumes", "snapshots")) {
            for (String id : ids(root.resolve(dir))) {
                long bytes = Long.parseLong(LocalCommands.run(Duration.ofMinutes(5),
                        List.of("du", "-sb", root.resolve(dir).resolve(id).toString())).stdout().split("\\s+")[0]);
                // Without reflinks every copy is its own; with them, du cannot tell what is shared.
                space.put(id, new SpaceUsage(bytes, thin ? -1 : bytes));
            }
        }
        return space;
    }

    @Override
    public SpaceUsage spaceOf(String id) {
        Path path = Files.isDirectory(snapshotPath(id)) ? snapshotPath(id) : volumePath(id);
        if (!Files.isDirectory(path)) {
            return null;
        }
        long bytes = Long.parseLong(LocalCommands.run(Duration.ofMinutes(5), List.of("du", "-sb", path.toString()))
                .stdout().split("\\s+")[0]);
        return new SpaceUsage(bytes, thin ? -1 : bytes);
    }

    @Override
    public Path exportPath(String volumeId) {
        return volumePath(volumeId);
    }

    @Override
    public void releaseExportPath(String volumeId) {
        // Nothing was mounted.
    }

    private static void remove(Path path) {
        if (Files.exists(path)) {
            LocalCommands.run(Duration.ofHours(1), List.of("rm", "-rf", "--one-file-system", path.toString()));
        }
    }
}
