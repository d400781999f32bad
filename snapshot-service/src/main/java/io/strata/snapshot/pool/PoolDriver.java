package io.strata.snapshot.pool;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One copy-on-write pool behind the snapshot service. Volumes are writable, snapshots read-only; a clone is a new
 * volume made from a snapshot. Every operation is idempotent (creating what already exists, or deleting what is
 * already gone, succeeds) so that a command redelivered after a crash finishes the job instead of failing, and every
 * operation but the space report costs the same for 1 GB and 1 TB.
 */
public interface PoolDriver {

    /** {@code btrfs}, {@code zfs} or {@code copy}. */
    String name();

    /** Makes the pool usable: mounts or creates it. Called once at start; throws with what to do when it cannot. */
    void open();

    /** Whether clones share blocks with their snapshot (false: each clone is a full copy). */
    boolean thinClones();

    /** Where a volume's files are, on this host. */
    Path volumePath(String volumeId);

    /** Where a snapshot's files are, read-only. */
    Path snapshotPath(String snapshotId);

    /** Creates an empty volume. */
    void createVolume(String volumeId);

    /** Takes a read-only snapshot of a volume. */
    void snapshot(String volumeId, String snapshotId);

    /** Makes a writable volume from a snapshot. */
    void clone(String snapshotId, String volumeId);

    /** Destroys a volume; its snapshots stay. */
    void deleteVolume(String volumeId);

    /** Destroys a snapshot. */
    void deleteSnapshot(String snapshotId);

    /** Makes a clone independent of the snapshot it was made from, where the driver knows such a dependency. */
    void promote(String volumeId, String originSnapshotId);

    /** The ids of the volumes that exist on the pool. */
    Set<String> volumes();

    /** The ids of the snapshots that exist on the pool. */
    Set<String> snapshots();

    /** Capacity, used and free bytes. */
    PoolUsage usage();

    /** Referenced and exclusive bytes per volume and snapshot id (an empty map when the driver cannot tell). */
    Map<String, SpaceUsage> space();

    /** The space of one volume or snapshot, or {@code null} when the driver cannot tell. */
    default SpaceUsage spaceOf(String id) {
        return space().get(id);
    }

    /**
     * The directory to export over NFS for a volume: for btrfs the subvolume mounted on a mount point of its own
     * (NFS-Ganesha cannot export a path inside a subvolume), else the volume's path.
     */
    Path exportPath(String volumeId);

    /** Undoes {@link #exportPath} (unmounts what it mounted). */
    void releaseExportPath(String volumeId);

    /**
     * The ids of clones made in a staging place of their own and not moved into place: a crash came in between, or
     * the move was lost with the host's power. Drivers that make clones in place have none.
     */
    default Set<String> stagedClones() {
        return Set.of();
    }

    /** Moves a staged clone into place ({@code keep}: its volume is recorded) or removes it. */
    default void settleStagedClone(String volumeId, boolean keep) {
    }
}
