package io.strata.ingest.source;

import io.strata.contracts.storage.SnapshotView;
import io.strata.engine.SnapshotPoint;

/**
 * What a source's operation gathers on its way, kept with its step so that a restart continues with it.
 *
 * @param volumeId the volume the operation loads (the source's, or a link's or resync's new one)
 * @param volumePath that volume's path on the storage node, once made
 * @param path that volume's path on the staging host, once attached
 * @param oldVolumeId for a resync, the volume it replaces
 * @param oldPath for a resync, that volume's path on the staging host
 * @param snapshotId the snapshot the operation ends with, chosen up front so that a retried step makes the same one
 * @param point where the staging copy stood when the worker was done
 * @param snapshot the snapshot taken
 * @param force for a delete: go on when the source cannot be reached (what linking left there stays)
 */
public record SourceWork(String volumeId, String volumePath, String path, String oldVolumeId, String oldPath,
        String snapshotId, SnapshotPoint point, SnapshotView snapshot, boolean force) {

    /** A link into a new volume. */
    static SourceWork link(String volumeId, String snapshotId) {
        return new SourceWork(volumeId, null, null, null, null, snapshotId, null, null, false);
    }

    /** A sync of the source's current staging copy. */
    static SourceWork sync(Source source, String snapshotId) {
        return new SourceWork(source.volumeId, null, source.stagingPath, null, null, snapshotId, null, null, false);
    }

    /** A resync into a new volume that replaces the source's current one. */
    static SourceWork resync(Source source, String volumeId, String snapshotId) {
        return new SourceWork(volumeId, null, null, source.volumeId, source.stagingPath, snapshotId, null, null, false);
    }

    /** A disable or enable of the source's current staging copy. */
    static SourceWork staging(Source source) {
        return new SourceWork(source.volumeId, null, source.stagingPath, null, null, null, null, null, false);
    }

    /** A delete; with {@code force}, also when the source cannot be reached. */
    static SourceWork delete(boolean force) {
        return new SourceWork(null, null, null, null, null, null, null, null, force);
    }

    SourceWork withVolumePath(String newVolumePath) {
        return new SourceWork(volumeId, newVolumePath, path, oldVolumeId, oldPath, snapshotId, point, snapshot, force);
    }

    SourceWork withPath(String newPath) {
        return new SourceWork(volumeId, volumePath, newPath, oldVolumeId, oldPath, snapshotId, point, snapshot, force);
    }

    SourceWork withPoint(SnapshotPoint newPoint) {
        return new SourceWork(volumeId, volumePath, path, oldVolumeId, oldPath, snapshotId, newPoint, snapshot, force);
    }

    SourceWork withSnapshot(SnapshotView newSnapshot) {
        return new SourceWork(volumeId, volumePath, path, oldVolumeId, oldPath, snapshotId, point, newSnapshot, force);
    }
}
