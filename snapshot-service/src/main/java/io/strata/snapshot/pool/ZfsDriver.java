package io.strata.snapshot.pool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.strata.common.process.CommandException;
import io.strata.common.process.CommandResult;
import io.strata.common.process.LocalCommands;

/**
 * The ZFS pool, under one parent dataset (e.g. {@code tank/strata}): volumes are filesystems
 * {@code <parent>/volumes/<id>} mounted under the pool path, snapshots are ZFS snapshots {@code <volume>@<id>}, clones
 * are {@code zfs clone}, and promote is {@code zfs promote}. ZFS cannot destroy a filesystem that still has snapshots,
 * while Strata keeps a deleted volume's snapshots on the timeline: such a volume is unmounted and renamed under
 * {@code <parent>/retired/} until its last snapshot goes.
 */
public class ZfsDriver implements PoolDriver {

    private static final Duration QUICK = Duration.ofSeconds(60);

    private final String parent;
    private final Path root;

    public ZfsDriver(String parent, Path root) {
        this.parent = parent;
        this.root = root;
    }

    @Override
    public String name() {
        return "zfs";
    }

    @Override
    public boolean thinClones() {
        return true;
    }

    @Override
    public void open() {
        if (!LocalCommands.onPath("zfs")) {
            throw new PoolException("the zfs command is not installed; install zfsutils-linux (or zfs-fuse), or use "
                    + "strata.snapshot.pool.driver=btrfs");
        }
        if (!exists(parent)) {
            run("zfs", "create", "-p", "-o", "mountpoint=" + root, parent);
        }
        for (String child : List.of(parent + "/volumes", parent + "/retired")) {
            if (!exists(child)) {
                run("zfs", "create", child);
            }
        }
    }

    private String volumeDataset(String volumeId) {
        return parent + "/volumes/" + Names.require(volumeId, "volume");
    }

    private boolean exists(String dataset) {
        return LocalCommands.attempt(QUICK, List.of("zfs", "list", "-H", "-o", "name", dataset), Map.of(), null)
                .ok();
    }

    /** The full name ({@code dataset@id}) of a snapshot, wherever promotes or retirements moved it; or null. */
    private String snapshotName(String snapshotId) {
        Names.require(snapshotId, "snapshot");
        for (String name : run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", parent).stdout()
                .split("\n")) {
            if (name.strip().endsWith("@" + snapshotId)) {
                return name.strip();
            }
        }
        return null;
    }

    @Override
    public Path volumePath(String volumeId) {
        return root.resolve("volumes").resolve(Names.require(volumeId, "volume"));
    }

    @Override
    public Path snapshotPath(String snapshotId) {
        String name = snapshotName(snapshotId);
        if (name == null) {
            throw new PoolException("snapshot " + snapshotId + " does not exist on the pool");
        }
        String dataset = name.substring(0, name.indexOf('@'));
        String mountpoint = run("zfs", "get", "-H", "-o", "value", "mountpoint", dataset).stdout().strip();
        return Path.of(mountpoint, ".zfs", "snapshot", snapshotId);
    }

    @Override
    public void createVolume(String volumeId) {
        if (!exists(volumeDataset(volumeId))) {
            run("zfs", "create", volumeDataset(volumeId));
        }
    }

    @Override
    public void snapshot(String volumeId, String snapshotId) {
        if (snapshotName(snapshotId) == null) {
            if (!exists(volumeDataset(volumeId))) {
                throw new PoolException("volume " + volumeId + " does not exist on the pool");
            }
            run("zfs", "snapshot", volumeDataset(volumeId) + "@" + snapshotId);
        }
    }

    @Override
    public void clone(String snapshotId, String volumeId) {
        if (!exists(volumeDataset(volumeId))) {
            String name = snapshotName(snapshotId);
            if (name == null) {
                throw new PoolException("snapshot " + snapshotId + " does not exist on the pool");
            }
            run("zfs", "clone", name, volumeDataset(volumeId));
        }
    }

    @Override
    public void deleteVolume(String volumeId) {
        String dataset = volumeDataset(volumeId);
        if (!exists(dataset)) {
            return;
        }
        boolean hasSnapshots = !run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-d", "1", dataset).stdout()
                .isBlank();
        if (hasSnapshots) {
            run("zfs", "set", "canmount=off", dataset);
            run("zfs", "unmount", dataset);
            run("zfs", "rename", dataset, parent + "/retired/" + volumeId);
        } else {
            run("zfs", "destroy", dataset);
        }
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        String name = snapshotName(snapshotId);
        if (name == null) {
            return;
        }
        run("zfs", "destroy", name);
        String dataset = name.substring(0, name.indexOf('@'));
        boolean retired = dataset.startsWith(parent + "/retired/");
        if (retired && run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-d", "1", dataset).stdout()
                .isBlank()) {
            run("zfs", "destroy", dataset);
        }
    }

    @Override
    public void promote(String volumeId, String originSnapshotId) {
        run("zfs", "promote", volumeDataset(volumeId));
    }

    @Override
    public Set<String> volumes() {
        Set<String> ids = new HashSet<>();
        String prefix = parent + "/volumes/";
        for (String name : run("zfs", "list", "-H", "-t", "filesystem", "-o", "name", "-r", parent + "/volumes")
                .stdout().split("\n")) {
            if (name.strip().startsWith(prefix)) {
                ids.add(name.strip().substring(prefix.length()));
            }
        }
        return ids;
    }

    @Override
    public Set<String> snapshots() {
        Set<String> ids = new HashSet<>();
        for (String name : run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", parent).stdout()
                .split("\n")) {
            int at = name.indexOf('@');
            if (at > 0) {
                ids.add(name.strip().substring(at + 1));
            }
        }
        return ids;
    }

    @Override
    public PoolUsage usage() {
        String[] values = run("zfs", "list", "-Hp", "-o", "used,avail", parent).stdout().strip().split("\\s+");
        long used = Long.parseLong(values[0]);
        long available = Long.parseLong(values[1]);
        return new PoolUsage(used + available, used, available);
    }

    @Override
    public Map<String, SpaceUsage> space() {
        Map<String, SpaceUsage> space = new HashMap<>();
        for (String line : run("zfs", "list", "-Hp", "-t", "filesystem,snapshot", "-o",
                "name,referenced,used,usedbydataset", "-r", parent).stdout().split("\n")) {
            String[] columns = line.strip().split("\t");
            if (columns.length < 4) {
                continue;
            }
            String name = columns[0];
            int at = name.indexOf('@');
            if (at > 0) {
                space.put(name.substring(at + 1), new SpaceUsage(Long.parseLong(columns[1]), Long.parseLong(
                        columns[2])));
            } else if (name.startsWith(parent + "/volumes/")) {
                space.put(name.substring((parent + "/volumes/").length()), new SpaceUsage(Long.parseLong(columns[1]),
                        parseOrZero(columns[3])));
            }
        }
        return space;
    }

    @Override
    public Path exportPath(String volumeId) {
        return volumePath(volumeId);
    }

    @Override
    public void releaseExportPath(String volumeId) {
        // ZFS filesystems have mount points of their own; nothing was mounted for the export.
    }

    private static long parseOrZero(String value) {
        return value.matches("\\d+") ? Long.parseLong(value) : 0;
    }

    private static CommandResult run(String... command) {
        try {
            return LocalCommands.run(QUICK, List.of(command));
        } catch (CommandException e) {
            throw new PoolException(String.join(" ", command) + " failed: " + e.output(), e);
        }
    }
}
