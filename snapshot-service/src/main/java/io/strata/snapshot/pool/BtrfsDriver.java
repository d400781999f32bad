package io.strata.snapshot.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.strata.common.process.CommandException;
import io.strata.common.process.CommandResult;
import io.strata.common.process.LocalCommands;

/**
 * The btrfs pool: volumes are subvolumes under {@code volumes/}, snapshots read-only snapshots under
 * {@code snapshots/}, clones writable snapshots of a snapshot; qgroups give each one's referenced and exclusive bytes.
 * Without a btrfs filesystem already mounted at the pool path, a sparse file is formatted (first start) and
 * loop-mounted (every start, so the pool comes back after a reboot).
 */
public class BtrfsDriver implements PoolDriver {

    private static final Logger LOG = Logger.getLogger(BtrfsDriver.class);

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration SLOW = Duration.ofMinutes(10);

    private final Path mountPoint;
    private final Path image;
    private final long imageSize;
    private final Path exportsDir;
    private String device;

    /**
     * @param mountPoint where the filesystem is (or will be) mounted
     * @param image the sparse file to create and loop-mount when nothing is mounted there
     * @param imageSize the size of a new sparse file
     * @param exportsDir where subvolumes are mounted on their own for NFS export
     */
    public BtrfsDriver(Path mountPoint, Path image, long imageSize, Path exportsDir) {
        this.mountPoint = mountPoint;
        this.image = image;
        this.imageSize = imageSize;
        this.exportsDir = exportsDir;
    }

    @Override
    public String name() {
        return "btrfs";
    }

    @Override
    public boolean thinClones() {
        return true;
    }

    @Override
    public void open() {
        requireProgram("btrfs");
        try {
            Files.createDirectories(mountPoint);
            if (!"btrfs".equals(mountedFsType())) {
                mountImage();
            }
            device = run("findmnt", "-n", "-o", "SOURCE", "--nofsroot", "--mountpoint", mountPoint.toString())
                    .stdout().strip();
            enableQuotas();
            Files.createDirectories(mountPoint.resolve("volumes"));
            Files.createDirectories(mountPoint.resolve("snapshots"));
            Files.createDirectories(mountPoint.resolve("staging"));
            Files.createDirectories(exportsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String mountedFsType() {
        CommandResult result = LocalCommands.attempt(QUICK,
                List.of("findmnt", "-n", "-o", "FSTYPE", "--mountpoint", mountPoint.toString()), Map.of(), null);
        return result.ok() ? result.stdout().strip() : null;
    }

    private void mountImage() throws IOException {
        if (!Files.exists(image)) {
            requireProgram("mkfs.btrfs");
            Files.createDirectories(image.getParent());
            LOG.infof("Creating the btrfs pool: a %d GiB sparse file at %s", imageSize >> 30, image);
            run("truncate", "-s", String.valueOf(imageSize), image.toString());
            run(SLOW, "mkfs.btrfs", "-q", "-L", "strata-pool", image.toString());
        }
        LOG.infof("Mounting the btrfs pool %s at %s", image, mountPoint);
        try {
            run("mount", "-o", "loop", image.toString(), mountPoint.toString());
        } catch (CommandException e) {
            throw new PoolException("Cannot mount the btrfs pool file " + image + " at " + mountPoint + ": "
                    + e.output() + ". The service must run as root with loop devices available, or set "
                    + "strata.snapshot.pool.path to a mounted btrfs filesystem, or strata.snapshot.pool.driver=copy.",
                    e);
        }
    }

    private void enableQuotas() {
        CommandResult show = LocalCommands.attempt(QUICK, List.of("btrfs", "qgroup", "show", mountPoint.toString()),
                Map.of(), null);
        if (!show.ok()) {
            // Qgroups account referenced and exclusive bytes per subvolume; the rescan makes them exact.
            run("btrfs", "quota", "enable", mountPoint.toString());
            run(SLOW, "btrfs", "quota", "rescan", "-w", mountPoint.toString());
        }
    }

    @Override
    public Path volumePath(String volumeId) {
        return mountPoint.resolve("volumes").resolve(Names.require(volumeId, "volume"));
    }

    @Override
    public Path snapshotPath(String snapshotId) {
        return mountPoint.resolve("snapshots").resolve(Names.require(snapshotId, "snapshot"));
    }

    @Override
    public void createVolume(String volumeId) {
        Path path = volumePath(volumeId);
        if (!isSubvolume(path)) {
            run("btrfs", "subvolume", "create", path.toString());
        }
    }

    @Override
    public void snapshot(String volumeId, String snapshotId) {
        Path target = snapshotPath(snapshotId);
        if (!isSubvolume(target)) {
            requireSubvolume(volumePath(volumeId), "volume " + volumeId);
            run("btrfs", "subvolume", "snapshot", "-r", volumePath(volumeId).toString(), target.toString());
        }
    }

    /**
     * Makes the clone in a directory of its own under {@code staging/}, then renames it into {@code volumes/}. btrfs
     * makes snapshots into one directory one after the other, each committing a transaction under that directory's
     * lock; snapshots made at once into directories of their own share their commits (ten at once under load took a
     * third of the time). The rename commits nothing: should the host lose power before the next commit, the clone is
     * found in its staging place at the next start and moved then ({@link #settleStagedClone}).
     */
    @Override
    public void clone(String snapshotId, String volumeId) {
        Path target = volumePath(volumeId);
        if (isSubvolume(target)) {
            return;
        }
        requireSubvolume(snapshotPath(snapshotId), "snapshot " + snapshotId);
        Path staged = stagedPath(volumeId);
        try {
            deleteSubvolume(staged);
            Files.createDirectories(staged.getParent());
            run("btrfs", "subvolume", "snapshot", snapshotPath(snapshotId).toString(), staged.toString());
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(staged.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<String> stagedClones() {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> dirs = Files.list(mountPoint.resolve("staging"))) {
            dirs.map(dir -> dir.getFileName().toString()).filter(Names::isValid).forEach(ids::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    @Override
    public void settleStagedClone(String volumeId, boolean keep) {
        Path staged = stagedPath(volumeId);
        try {
            if (keep && isSubvolume(staged) && !isSubvolume(volumePath(volumeId))) {
                Files.move(staged, volumePath(volumeId), StandardCopyOption.ATOMIC_MOVE);
            } else {
                deleteSubvolume(staged);
            }
            Files.deleteIfExists(staged.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path stagedPath(String volumeId) {
        return mountPoint.resolve("staging").resolve(Names.require(volumeId, "volume")).resolve("clone");
    }

    @Override
    public void deleteVolume(String volumeId) {
        releaseExportPath(volumeId);
        deleteSubvolume(volumePath(volumeId));
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        deleteSubvolume(snapshotPath(snapshotId));
    }

    @Override
    public void promote(String volumeId, String originSnapshotId) {
        // A btrfs clone shares extents with its snapshot but does not depend on it: nothing to do on disk.
    }

    @Override
    public Set<String> volumes() {
        return subvolumesUnder("volumes/");
    }

    @Override
    public Set<String> snapshots() {
        return subvolumesUnder("snapshots/");
    }

    private Set<String> subvolumesUnder(String prefix) {
        Set<String> ids = new HashSet<>();
        for (String line : run("btrfs", "subvolume", "list", mountPoint.toString()).stdout().split("\n")) {
            int at = line.indexOf(" path ");
            if (at >= 0) {
                String path = line.substring(at + 6).strip();
                if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0) {
                    ids.add(path.substring(prefix.length()));
                }
            }
        }
        return ids;
    }

    @Override
    public PoolUsage usage() {
        long capacity = 0;
        long used = 0;
        long free = 0;
        for (String line : run("btrfs", "filesystem", "usage", "-b", mountPoint.toString()).stdout().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Device size:")) {
                capacity = firstNumber(trimmed);
            } else if (trimmed.startsWith("Used:")) {
                used = firstNumber(trimmed);
            } else if (trimmed.startsWith("Free (estimated):")) {
                free = firstNumber(trimmed);
            }
        }
        return new PoolUsage(capacity, used, free);
    }

    @Override
    public Map<String, SpaceUsage> space() {
        Map<String, SpaceUsage> space = new HashMap<>();
        for (String line : run("btrfs", "qgroup", "show", "--raw", "--sync", mountPoint.toString()).stdout()
                .split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 4 && columns[0].startsWith("0/")) {
                String path = columns[columns.length - 1];
                String id = path.startsWith("volumes/")
                        ? path.substring(8)
                        : path.startsWith("snapshots/") ? path.substring(10) : null;
                if (id != null && Names.isValid(id)) {
                    space.put(id, new SpaceUsage(Long.parseLong(columns[1]), Long.parseLong(columns[2])));
                }
            }
        }
        return space;
    }

    @Override
    public SpaceUsage spaceOf(String id) {
        Path path = Names.isValid(id) && isSubvolume(snapshotPath(id)) ? snapshotPath(id) : volumePath(id);
        for (String line : run("btrfs", "qgroup", "show", "--raw", "-f", path.toString()).stdout().split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 3 && columns[0].startsWith("0/")) {
                return new SpaceUsage(Long.parseLong(columns[1]), Long.parseLong(columns[2]));
            }
        }
        return null;
    }

    @Override
    public Path exportPath(String volumeId) {
        Path target = exportsDir.resolve(Names.require(volumeId, "volume"));
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommandResult mounted = LocalCommands.attempt(QUICK,
                List.of("findmnt", "-n", "--mountpoint", target.toString()), Map.of(), null);
        if (!mounted.ok()) {
            requireSubvolume(volumePath(volumeId), "volume " + volumeId);
            run("mount", "-o", "subvol=volumes/" + volumeId, device, target.toString());
        }
        return target;
    }

    @Override
    public void releaseExportPath(String volumeId) {
        Path target = exportsDir.resolve(Names.require(volumeId, "volume"));
        CommandResult mounted = LocalCommands.attempt(QUICK,
                List.of("findmnt", "-n", "--mountpoint", target.toString()), Map.of(), null);
        if (mounted.ok()) {
            run("umount", target.toString());
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            LOG.debugf("Could not remove %s: %s", target, e.getMessage());
        }
    }

    /**
     * Copies a snapshot to another btrfs filesystem with {@code btrfs send | btrfs receive}: incremental against
     * {@code parentId} when given (it must already be on the target), whole otherwise. The copy lands in
     * {@code targetDir/<snapshotId>}, read-only, and costs what differs from the parent.
     *
     * @return the bytes the send stream carried
     */
    public long sendSnapshot(String snapshotId, String parentId, Path targetDir) {
        Path snapshot = snapshotPath(snapshotId);
        requireSubvolume(snapshot, "snapshot " + snapshotId);
        List<String> send = parentId == null
                ? List.of("btrfs", "send", "-q", snapshot.toString())
                : List.of("btrfs", "send", "-q", "-p", snapshotPath(parentId).toString(), snapshot.toString());
        try {
            Path sendErrors = Files.createTempFile("btrfs-send", ".err");
            Path receiveErrors = Files.createTempFile("btrfs-receive", ".err");
            try {
                Process sender = new ProcessBuilder(send).redirectError(sendErrors.toFile()).start();
                Process receiver = new ProcessBuilder("btrfs", "receive", "-q", "-e", targetDir.toString())
                        .redirectError(receiveErrors.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                long bytes;
                // Pumped here rather than piped by a shell, to count the stream's size.
                try (var in = sender.getInputStream(); var out = receiver.getOutputStream()) {
                    bytes = in.transferTo(out);
                }
                int sendExit = sender.waitFor();
                int receiveExit = receiver.waitFor();
                if (sendExit != 0 || receiveExit != 0) {
                    throw new PoolException("btrfs send of " + snapshotId + " to " + targetDir + " failed: "
                            + Files.readString(sendErrors).strip() + " " + Files.readString(receiveErrors).strip());
                }
                return bytes;
            } finally {
                Files.deleteIfExists(sendErrors);
                Files.deleteIfExists(receiveErrors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolException("interrupted while sending " + snapshotId);
        }
    }

    /** Whether {@code dir} is on a mounted btrfs filesystem. */
    public static boolean isOnBtrfs(Path dir) {
        CommandResult result = LocalCommands.attempt(QUICK, List.of("findmnt", "-n", "-o", "FSTYPE", "--target", dir
                .toString()), Map.of(), null);
        return result.ok() && "btrfs".equals(result.stdout().strip());
    }

    /** The mount point of the pool. */
    public Path mountPoint() {
        return mountPoint;
    }

    private static boolean isSubvolume(Path path) {
        // The root directory of every btrfs subvolume has inode 256: no need to run `btrfs subvolume show`.
        try {
            return Files.isDirectory(path) && ((Number) Files.getAttribute(path, "unix:ino")).longValue() == 256;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void requireSubvolume(Path path, String what) {
        if (!isSubvolume(path)) {
            throw new PoolException(what + " does not exist on the pool (" + path + ")");
        }
    }

    private void deleteSubvolume(Path path) {
        if (isSubvolume(path)) {
            run("btrfs", "subvolume", "delete", path.toString());
        } else if (Files.exists(path)) {
            throw new PoolException(path + " exists but is not a subvolume; remove it by hand");
        }
    }

    private static long firstNumber(String line) {
        String[] parts = line.split("\\s+");
        for (String part : parts) {
            if (part.matches("\\d+")) {
                return Long.parseLong(part);
            }
        }
        return 0;
    }

    private static void requireProgram(String program) {
        if (!LocalCommands.onPath(program)) {
            throw new PoolException(program + " is not installed; install btrfs-progs (make install) or set "
                    + "strata.snapshot.pool.driver=copy");
        }
    }

    private static CommandResult run(String... command) {
        return run(QUICK, command);
    }

    private static CommandResult run(Duration timeout, String... command) {
        try {
            return LocalCommands.run(timeout, List.of(command));
        } catch (CommandException e) {
            throw new PoolException(String.join(" ", command) + " failed: " + e.output(), e);
        }
    }
}
