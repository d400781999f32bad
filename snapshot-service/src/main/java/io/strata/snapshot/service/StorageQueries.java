package io.strata.snapshot.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.contracts.storage.ExportView;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.TimelineView;
import io.strata.contracts.storage.VolumeView;
import io.strata.snapshot.domain.Dataset;
import io.strata.snapshot.domain.NfsExport;
import io.strata.snapshot.domain.Snapshot;
import io.strata.snapshot.domain.Volume;
import io.strata.snapshot.mapping.StorageViews;

/** The read side of the snapshot service's API. */
@ApplicationScoped
public class StorageQueries {

    @Inject
    StorageViews views;

    /** Volumes, optionally of one dataset; live ones unless {@code all}. */
    @Transactional
    public List<VolumeView> volumes(String dataset, boolean all) {
        List<Volume> volumes = dataset == null
                ? Volume.listAll(Sort.ascending("createdAt"))
                : Volume.list("dataset", Sort.ascending("createdAt"), dataset);
        return volumes.stream().filter(v -> all || v.isLive()).map(views::volume).toList();
    }

    /** One volume, or 404. */
    @Transactional
    public VolumeView volume(String id) {
        Volume volume = Volume.findById(id);
        if (volume == null) {
            throw ApiException.notFound("volume", id);
        }
        return views.volume(volume);
    }

    /** One snapshot (deleted ones too, for lineage), or 404. */
    @Transactional
    public SnapshotView snapshot(String id) {
        Snapshot snapshot = Snapshot.findById(id);
        if (snapshot == null) {
            throw ApiException.notFound("snapshot", id);
        }
        return views.snapshot(snapshot);
    }

    /** A dataset's snapshots, oldest first, or 404 for an unknown dataset. */
    @Transactional
    public List<SnapshotView> snapshots(String datasetId) {
        requireDataset(datasetId);
        return Snapshot.ofDataset(datasetId).stream().map(views::snapshot).toList();
    }

    /** A dataset's timeline: snapshots, the clones made from them, the PITR window, the retention policy. */
    @Transactional
    public TimelineView timeline(String datasetId) {
        Dataset dataset = requireDataset(datasetId);
        List<Snapshot> snapshots = Snapshot.ofDataset(datasetId);
        Set<String> ids = snapshots.stream().map(s -> s.id).collect(Collectors.toSet());
        List<TimelineView.Clone> clones = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (Volume clone : Volume.<Volume>list("originSnapshot in ?1 and state in ?2", Sort.ascending(
                    "createdAt"), ids, List.of(Volume.State.READY, Volume.State.DELETING))) {
                clones.add(new TimelineView.Clone(clone.originSnapshot, clone.id, clone.dataset));
            }
        }
        TimelineView.Window window = dataset.windowFrom == null
                ? null
                : new TimelineView.Window(dataset.windowFrom, dataset.windowTo, dataset.windowArchive,
                        dataset.windowEnvironment);
        TimelineView.Retention retention = dataset.keepLast == null && dataset.keepDays == null
                ? null
                : new TimelineView.Retention(dataset.keepLast, dataset.keepDays);
        return new TimelineView(datasetId, snapshots.stream().map(views::snapshot).toList(), clones, window,
                retention);
    }

    /** Every NFS export. */
    @Transactional
    public List<ExportView> exports() {
        return NfsExport.<NfsExport>listAll().stream().map(views::export).toList();
    }

    /** The ids of every dataset the pool knows. */
    @Transactional
    public List<String> datasets() {
        return Dataset.<Dataset>listAll(Sort.ascending("createdAt")).stream().map(d -> d.id).toList();
    }

    private static Dataset requireDataset(String datasetId) {
        Dataset dataset = Dataset.findById(datasetId);
        if (dataset == null) {
            throw ApiException.notFound("dataset", datasetId);
        }
        return dataset;
    }
}
