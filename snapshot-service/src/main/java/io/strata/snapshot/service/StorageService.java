package io.strata.snapshot.service;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotDeleted;
import io.strata.contracts.storage.SnapshotHoldChanged;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.contracts.storage.VolumeDeleted;
import io.strata.snapshot.domain.Dataset;
import io.strata.snapshot.domain.NfsExport;
import io.strata.snapshot.domain.Snapshot;
import io.strata.snapshot.domain.SnapshotHold;
import io.strata.snapshot.domain.Volume;
import io.strata.snapshot.mapping.StorageViews;
import io.strata.snapshot.pool.Names;
import io.strata.snapshot.pool.Pool;
import io.strata.snapshot.pool.PoolException;
import io.strata.snapshot.pool.VolumeUsers;

/**
 * The rules of the pool: volumes, snapshots, clones, holds. Each operation checks first, then changes the pool, then
 * records the change with its event in the caller's transaction; what it made on the pool is taken back if that
 * transaction ends without the record ({@link PoolUndo}). Refusals are {@link ApiException}s that do not roll back the
 * caller's transaction, so that a command handler can answer them with a failure event. Repeating a request that
 * already succeeded answers it again instead of failing. Clones may run side by side (their commands are independent
 * events to the consumer); commands on one volume id never do.
 */
@ApplicationScoped
public class StorageService {

    @Inject
    Pool pool;

    @Inject
    CapacityGuard capacity;

    @Inject
    EventPublisher events;

    @Inject
    StorageViews views;

    @Inject
    ExportService exports;

    @Inject
    PoolUndo undo;

    /** Creates an empty volume for a dataset. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public Volume createVolume(String requestId, String volumeId, String datasetId, String requestedBy) {
        validId(volumeId, "volumeId");
        requireDataset(datasetId);
        Volume existing = Volume.findById(volumeId);
        if (existing != null) {
            if (existing.state == Volume.State.READY && existing.dataset.equals(datasetId)
                    && existing.originSnapshot == null) {
                events.publish(new VolumeCreated(requestId, views.volume(existing)));
                return existing;
            }
            throw ApiException.conflict("Volume " + volumeId + " already exists (dataset " + existing.dataset
                    + ", " + existing.state + "); choose another id.");
        }
        capacity.requireRoomForNewVolume();
        Dataset.findOrCreate(datasetId);
        pool.driver().createVolume(volumeId);
        PoolUndo.Made made = undo.volume(volumeId);
        Volume volume = newVolume(volumeId, datasetId, null, requestedBy);
        volume.logicalSize = 0L;
        volume.persist();
        events.publish(new VolumeCreated(requestId, views.volume(volume)));
        made.recorded();
        return volume;
    }

    /** Takes a read-only snapshot of a volume; its parent is the previous point of the volume's lineage. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public Snapshot snapshot(String requestId, String volumeId, String snapshotId, String position,
            Instant positionTime, Map<String, String> metadata) {
        validId(snapshotId, "snapshotId");
        Volume volume = requireVolume(volumeId);
        if (volume.state != Volume.State.READY) {
            throw ApiException.conflict("Volume " + volumeId + " is " + volume.state + "; only READY volumes can be "
                    + "snapshotted.");
        }
        Snapshot existing = Snapshot.findById(snapshotId);
        if (existing != null) {
            if (existing.volume.equals(volumeId) && existing.state == Snapshot.State.READY) {
                events.publish(new SnapshotCreated(requestId, views.snapshot(existing)));
                return existing;
            }
            throw ApiException.conflict("Snapshot " + snapshotId + " already exists (of volume " + existing.volume
                    + ", " + existing.state + "); choose another id.");
        }
        Snapshot previous = Snapshot.latestOfVolume(volumeId);
        String parent = previous != null ? previous.id : volume.originSnapshot;
        if (parent == null) {
            // A volume of a resync continues the dataset's timeline.
            Snapshot latest = Snapshot.latestOfDataset(volume.dataset);
            parent = latest != null ? latest.id : null;
        }
        pool.driver().snapshot(volumeId, snapshotId);
        PoolUndo.Made made = undo.snapshot(snapshotId);
        Snapshot snapshot = new Snapshot();
        snapshot.id = snapshotId;
        snapshot.dataset = volume.dataset;
        snapshot.volume = volumeId;
        snapshot.parent = parent;
        snapshot.state = Snapshot.State.READY;
        snapshot.position = position;
        snapshot.positionTime = positionTime != null ? positionTime : Instant.now();
        snapshot.metadata = views.metadataJson(metadata);
        // The snapshot commits a btrfs transaction, so the qgroup figures are current now.
        var space = pool.driver().spaceOf(snapshotId);
        snapshot.logicalSize = space != null ? space.referenced() : null;
        snapshot.uniqueSize = space != null && space.exclusive() >= 0 ? space.exclusive() : null;
        snapshot.createdAt = Instant.now();
        snapshot.persist();
        events.publish(new SnapshotCreated(requestId, views.snapshot(snapshot)));
        made.recorded();
        return snapshot;
    }

    /** Makes a writable volume of a dataset from a snapshot. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public Volume cloneSnapshot(String requestId, String snapshotId, String volumeId, String datasetId,
            String requestedBy) {
        validId(volumeId, "volumeId");
        requireDataset(datasetId);
        Snapshot snapshot = requireSnapshot(snapshotId);
        Volume existing = Volume.findById(volumeId);
        if (existing != null) {
            if (existing.state == Volume.State.READY && snapshotId.equals(existing.originSnapshot)
                    && existing.dataset.equals(datasetId)) {
                events.publish(new CloneCreated(requestId, views.volume(existing)));
                return existing;
            }
            throw ApiException.conflict("Volume " + volumeId + " already exists (dataset " + existing.dataset
                    + ", " + existing.state + "); choose another id.");
        }
        capacity.requireRoomForNewVolume();
        Dataset.findOrCreate(datasetId);
        pool.driver().clone(snapshot.id, volumeId);
        PoolUndo.Made made = undo.volume(volumeId);
        Volume volume = newVolume(volumeId, datasetId, snapshot.id, requestedBy);
        volume.logicalSize = snapshot.logicalSize;
        volume.uniqueSize = 0L;
        volume.persist();
        events.publish(new CloneCreated(requestId, views.volume(volume)));
        made.recorded();
        return volume;
    }

    /** Destroys a volume (its export first); its snapshots stay on the timeline. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public void deleteVolume(String requestId, String volumeId) {
        Volume volume = Volume.findById(volumeId);
        if (volume == null) {
            throw ApiException.notFound("volume", volumeId);
        }
        if (volume.state != Volume.State.DELETED) {
            List<String> users = volume.path == null ? List.of() : VolumeUsers.of(Path.of(volume.path));
            if (!users.isEmpty()) {
                throw ApiException.conflict("Volume " + volumeId + " is in use: " + String.join(", ", users)
                        + " works in it. Stop what runs there first (for a virtual database: POST /vdbs/{id}/stop), "
                        + "then delete it.");
            }
            if (NfsExport.findById(volumeId) != null) {
                exports.unexport(null, volumeId);
            }
            pool.driver().deleteVolume(volumeId);
            volume.state = Volume.State.DELETED;
            volume.deletedAt = Instant.now();
            pool.invalidateUsage();
        }
        events.publish(new VolumeDeleted(requestId, volumeId, volume.dataset));
    }

    /**
     * What keeps a snapshot from being deleted: live clones that were not promoted, and holders (bookmarks). Later
     * snapshots do not: they are re-parented.
     */
    public List<String> dependents(Snapshot snapshot) {
        List<String> dependents = new ArrayList<>();
        Volume.clonesOf(snapshot.id).forEach(clone -> dependents.add("volume:" + clone.id + " (dataset "
                + clone.dataset + ")"));
        dependents.addAll(SnapshotHold.holdersOf(snapshot.id));
        return dependents;
    }

    /** Checks that a snapshot can be deleted now: 404 when unknown, 409 naming who depends on it. */
    @Transactional(dontRollbackOn = ApiException.class)
    public Snapshot requireDeletable(String snapshotId) {
        Snapshot snapshot = Snapshot.findById(snapshotId);
        if (snapshot == null) {
            throw ApiException.notFound("snapshot", snapshotId);
        }
        List<String> dependents = dependents(snapshot);
        if (!dependents.isEmpty()) {
            throw ApiException.conflict("Snapshot " + snapshotId + " is in use by " + String.join(", ", dependents)
                    + ". Delete or promote those clones and release those holds first.");
        }
        return snapshot;
    }

    /** Deletes a snapshot nothing depends on; its children on the timeline get its parent. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public void deleteSnapshot(String requestId, String snapshotId, String reason) {
        Snapshot snapshot = requireDeletable(snapshotId);
        if (snapshot.state != Snapshot.State.DELETED) {
            pool.driver().deleteSnapshot(snapshotId);
            Snapshot.update("parent = ?1 where parent = ?2", snapshot.parent, snapshot.id);
            snapshot.state = Snapshot.State.DELETED;
            snapshot.deletedAt = Instant.now();
            pool.invalidateUsage();
            Log.infof("Deleted snapshot %s of dataset %s (%s)", snapshotId, snapshot.dataset, reason);
        }
        events.publish(new SnapshotDeleted(requestId, snapshotId, snapshot.dataset, reason));
    }

    /** Makes a clone independent of the snapshot it was cloned from, so that the snapshot can be deleted. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public Volume promote(String volumeId) {
        Volume volume = requireVolume(volumeId);
        if (volume.originSnapshot == null || volume.promoted) {
            return volume;
        }
        pool.driver().promote(volumeId, volume.originSnapshot);
        volume.promoted = true;
        return volume;
    }

    /** Adds a holder to a snapshot. */
    @Transactional(dontRollbackOn = ApiException.class)
    public void hold(String requestId, String snapshotId, String holder) {
        requireSnapshot(snapshotId);
        if (holder == null || holder.isBlank()) {
            throw ApiException.badRequest("holder", "holder is required, e.g. bookmark:<id>.");
        }
        if (SnapshotHold.findById(new SnapshotHold.Key(snapshotId, holder)) == null) {
            SnapshotHold hold = new SnapshotHold();
            hold.snapshotId = snapshotId;
            hold.holder = holder;
            hold.createdAt = Instant.now();
            hold.persist();
        }
        events.publish(new SnapshotHoldChanged(requestId, snapshotId, holder, true));
    }

    /** Removes a holder from a snapshot. */
    @Transactional(dontRollbackOn = ApiException.class)
    public void release(String requestId, String snapshotId, String holder) {
        SnapshotHold.delete("snapshotId = ?1 and holder = ?2", snapshotId, holder);
        events.publish(new SnapshotHoldChanged(requestId, snapshotId, holder, false));
    }

    /** A live volume, or 404. */
    public Volume requireVolume(String volumeId) {
        Volume volume = Volume.findById(volumeId);
        if (volume == null || !volume.isLive()) {
            throw ApiException.notFound("volume", volumeId);
        }
        return volume;
    }

    /** A READY snapshot, or 404. */
    public Snapshot requireSnapshot(String snapshotId) {
        Snapshot snapshot = Snapshot.findById(snapshotId);
        if (snapshot == null || snapshot.state != Snapshot.State.READY) {
            throw ApiException.notFound("snapshot", snapshotId);
        }
        return snapshot;
    }

    private Volume newVolume(String id, String datasetId, String origin, String requestedBy) {
        Volume volume = new Volume();
        volume.id = id;
        volume.dataset = datasetId;
        volume.state = Volume.State.READY;
        volume.originSnapshot = origin;
        volume.path = pool.driver().volumePath(id).toString();
        volume.requestedBy = requestedBy;
        volume.createdAt = Instant.now();
        return volume;
    }

    private static void validId(String id, String field) {
        if (!Names.isValid(id)) {
            throw ApiException.badRequest(field, field + " '" + id + "' is invalid: use 1 to 63 lower-case letters, "
                    + "digits and dashes, starting with a letter or digit (a UUID is fine).");
        }
    }

    private static void requireDataset(String datasetId) {
        if (datasetId == null || datasetId.isBlank() || datasetId.length() > 255) {
            throw ApiException.badRequest("dataset", "dataset is required (the id of the source, masked dataset or "
                    + "virtual database the volume belongs to), at most 255 characters.");
        }
    }
}
