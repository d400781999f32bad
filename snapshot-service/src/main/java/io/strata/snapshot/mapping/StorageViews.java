package io.strata.snapshot.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.contracts.events.EventCodec;
import io.strata.contracts.storage.ExportView;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.VolumeView;
import io.strata.snapshot.domain.NfsExport;
import io.strata.snapshot.domain.Snapshot;
import io.strata.snapshot.domain.SnapshotHold;
import io.strata.snapshot.domain.Volume;
import io.strata.snapshot.nfs.NfsServer;

/** Maps the snapshot service's entities to the views its API and events show. */
@ApplicationScoped
public class StorageViews {

    @Inject
    EventCodec codec;

    @Inject
    NfsServer nfs;

    /** A volume with its export, if any. */
    public VolumeView volume(Volume volume) {
        NfsExport export = NfsExport.findById(volume.id);
        return new VolumeView(volume.id, volume.dataset, volume.state.name(), volume.originSnapshot, volume.path,
                volume.logicalSize, volume.uniqueSize, export == null ? null : export(export), volume.createdAt,
                volume.error);
    }

    /** An export, with the command that mounts it. */
    public ExportView export(NfsExport export) {
        String server = nfs.advertisedAddress();
        String mount = "mount -t nfs4 -o vers=4.1,port=" + nfs.port() + " " + server + ":" + export.pseudo
                + " <mount point>";
        return new ExportView(server, nfs.port(), export.pseudo, export.clientList(), mount);
    }

    /** A snapshot with what depends on it and its children. */
    public SnapshotView snapshot(Snapshot snapshot) {
        List<String> dependents = new ArrayList<>();
        Volume.clonesOf(snapshot.id).forEach(clone -> dependents.add("volume:" + clone.id));
        dependents.addAll(SnapshotHold.holdersOf(snapshot.id));
        List<String> children = Snapshot.<Snapshot>list("parent = ?1 and state = ?2", snapshot.id,
                Snapshot.State.READY).stream().map(child -> child.id).sorted().toList();
        return new SnapshotView(snapshot.id, snapshot.dataset, snapshot.volume, snapshot.parent, snapshot.createdAt,
                snapshot.position, snapshot.positionTime, snapshot.logicalSize, snapshot.uniqueSize,
                metadata(snapshot.metadata), dependents, children);
    }

    /** Metadata as JSON text for the database. */
    public String metadataJson(Map<String, String> metadata) {
        try {
            return metadata == null || metadata.isEmpty() ? null : codec.mapper().writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> metadata(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return codec.mapper().readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
