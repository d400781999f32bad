package io.strata.snapshot.service;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.contracts.storage.ExportCreated;
import io.strata.contracts.storage.ExportRemoved;
import io.strata.snapshot.domain.NfsExport;
import io.strata.snapshot.domain.Volume;
import io.strata.snapshot.nfs.NfsServer;
import io.strata.snapshot.pool.Pool;
import io.strata.snapshot.pool.PoolException;

/**
 * NFS exports of volumes, CSI-style: one export per volume, live as soon as the request is answered. The
 * {@code nfs_export} rows are the truth; NFS-Ganesha's list is rewritten from them on every change and on start.
 */
@ApplicationScoped
public class ExportService {

    @Inject
    Pool pool;

    @Inject
    NfsServer nfs;

    @Inject
    EventPublisher events;

    @Inject
    EntityManager entityManager;

    /** Exports a READY volume to the given clients (or the default ones); answers again if already exported. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public NfsExport export(String requestId, String volumeId, List<String> clients) {
        Volume volume = Volume.findById(volumeId);
        if (volume == null || volume.state != Volume.State.READY) {
            throw ApiException.notFound("volume", volumeId);
        }
        List<String> allowed = nfs.validClients(clients);
        NfsExport export = NfsExport.findById(volumeId);
        if (export == null) {
            export = new NfsExport();
            export.volumeId = volumeId;
            export.exportId = ((Number) entityManager.createNativeQuery("select nextval('nfs_export_id')")
                    .getSingleResult()).intValue();
            export.path = pool.driver().exportPath(volumeId).toString();
            export.pseudo = NfsServer.pseudoPath(volumeId);
            export.createdAt = Instant.now();
            export.clients = String.join(",", allowed);
            export.persist();
            apply(export, null);
        } else if (!export.clientList().equals(allowed)) {
            export.clients = String.join(",", allowed);
            apply(null, null);
        }
        nfs.awaitVisible(volumeId);
        events.publish(new ExportCreated(requestId, volumeId, nfs.advertisedAddress(), nfs.port(), export.pseudo,
                export.clientList()));
        return export;
    }

    /** Removes a volume's export (and the mount made for it); answers again if there is none. */
    @Transactional(dontRollbackOn = {ApiException.class, PoolException.class, UncheckedIOException.class})
    public void unexport(String requestId, String volumeId) {
        NfsExport export = NfsExport.findById(volumeId);
        if (export != null) {
            apply(null, volumeId);
            export.delete();
            pool.driver().releaseExportPath(volumeId);
        }
        if (requestId != null || export != null) {
            events.publish(new ExportRemoved(requestId, volumeId));
        }
    }

    /** Rewrites NFS-Ganesha's export list from the table (after a restart) and re-creates the mounts it needs. */
    @Transactional
    public void reapplyAll() {
        List<NfsExport> all = NfsExport.listAll();
        if (all.isEmpty() && nfs.runningPid() == null) {
            return;
        }
        for (NfsExport export : all) {
            pool.driver().exportPath(export.volumeId);
        }
        nfs.apply(all);
    }

    private void apply(NfsExport added, String removedVolume) {
        List<NfsExport> all = new ArrayList<>(NfsExport.<NfsExport>listAll());
        if (added != null && all.stream().noneMatch(e -> e.volumeId.equals(added.volumeId))) {
            all.add(added);
        }
        all.removeIf(e -> e.volumeId.equals(removedVolume));
        nfs.apply(all);
    }
}
