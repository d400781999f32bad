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
 * while Strata keeps a deleted volume's snapshots on the timeline: such a volume is unmounted and marked with the user
 * property {@code strata:retired=yes} until its last snapshot goes. Works with OpenZFS and with zfs-fuse (which
 * lacks {@code -p}, so sizes are read in either form).
 */
public class ZfsDriver implements PoolDriver {

    private static final Duration QUICK = Duration.ofSeconds(60);

    private static final String RETIRED = "strata:retired";

    private final String parent;
    private final Path root;
    private boolean parseable;

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
        if (!exists(parent + "/volumes")) {
            run("zfs", "create", parent + "/volumes");
        }
        parseable = LocalCommands.attempt(QUICK, List.of("zfs", "list", "-Hp", "-o", "used", parent), Map.of(), null)
                .ok();
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
        if (hasSnapshots(dataset)) {
            run("zfs", "set", RETIRED + "=yes", dataset);
            // canmount=off unmounts it; the data stays for the snapshots.
            run("zfs", "set", "canmount=off", dataset);
        } else {
            destroy(dataset);
        }
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        String name = snapshotName(snapshotId);
        if (name == null) {
            return;
        }
        destroy(name);
        String dataset = name.substring(0, name.indexOf('@'));
        if (isRetired(dataset) && !hasSnapshots(dataset)) {
            destroy(dataset);
        }
    }

    @Override
    public void promote(String volumeId, String originSnapshotId) {
        run("zfs", "promote", volumeDataset(volumeId));
    }

    /** zfs destroy, retried while the dataset is busy (FUSE releases closed files asynchronously). */
    private static void destroy(String name) {
        for (int attempt = 0;; attempt++) {
            try {
                run("zfs", "destroy", "-f", name);
                return;
            } catch (PoolException e) {
                if (attempt >= 50 || !e.getMessage().contains("busy")) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private boolean hasSnapshots(String dataset) {
        return !run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-d", "1", dataset).stdout().isBlank();
    }

    private boolean isRetired(String dataset) {
        return "yes".equals(run("zfs", "get", "-H", "-o", "value", RETIRED, dataset).stdout().strip());
    }

    @Override
    public Set<String> volumes() {
        Set<String> ids = new HashSet<>();
        String prefix = parent + "/volumes/";
        for (String line : run("zfs", "list", "-H", "-t", "filesystem", "-o", "name," + RETIRED, "-r", parent
                + "/volumes").stdout().split("\n")) {
            String[] columns = line.strip().split("\t");
            if (columns[0].startsWith(prefix) && !(columns.length > 1 && "yes".equals(columns[1]))) {
                ids.add(columns[0].substring(prefix.length()));
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
        String[] values = list("used,avail", parent).strip().split("\\s+");
        long used = bytes(values[0]);
        long available = bytes(values[1]);
        return new PoolUsage(used + available, used, available);
    }

    @Override
    public Map<String, SpaceUsage> space() {
        Map<String, SpaceUsage> space = new HashMap<>();
        for (String line : list("name,referenced,used,usedbydataset", "-t", "filesystem,snapshot", "-r", parent)
                .split("\n")) {
            String[] columns = line.strip().split("\t");
            if (columns.length < 4) {
                continue;
            }
            String name = columns[0];
            int at = name.indexOf('@');
            if (at > 0) {
                space.put(name.substring(at + 1), new SpaceUsage(bytes(columns[1]), bytes(columns[2])));
            } else if (name.startsWith(parent + "/volumes/")) {
                space.put(name.substring((parent + "/volumes/").length()), new SpaceUsage(bytes(columns[1]), bytes(
                        columns[3])));
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

    /** {@code zfs list -H} output of the given properties, parseable where the zfs command supports it. */
    private String list(String properties, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("zfs", "list", parseable ? "-Hp" : "-H", "-o",
                properties));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new)).stdout();
    }

    /** A ZFS size, raw ({@code 3276800}) or human ({@code 3.12M}); {@code -} and {@code none} are 0. */
    static long bytes(String value) {
        if (value.matches("\\d+")) {
            return Long.parseLong(value);
        }
        var matcher = java.util.regex.Pattern.compile("([0-9.]+)([KMGTPE])").matcher(value);
        if (!matcher.matches()) {
            return 0;
        }
        int power = "KMGTPE".indexOf(matcher.group(2)) + 1;
        return (long) (Double.parseDouble(matcher.group(1)) * Math.pow(1024, power));
    }

    private static CommandResult run(String... command) {
        try {
            return LocalCommands.run(QUICK, List.of(command));
        } catch (CommandException e) {
            throw new PoolException(String.join(" ", command) + " failed: " + e.output(), e);
        }
    }
}
