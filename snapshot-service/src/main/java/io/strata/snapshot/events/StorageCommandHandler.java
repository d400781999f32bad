package io.strata.snapshot.events;

import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.errors.Errors;
import io.strata.common.events.EventPublisher;
import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.Topics;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.CreateVolumeRequested;
import io.strata.contracts.storage.DeleteSnapshotRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;
import io.strata.contracts.storage.ExportRequested;
import io.strata.contracts.storage.HoldSnapshotRequested;
import io.strata.contracts.storage.LogWindowChanged;
import io.strata.contracts.storage.ReleaseSnapshotRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.contracts.storage.UnexportRequested;
import io.strata.snapshot.domain.Dataset;
import io.strata.snapshot.pool.PoolException;
import io.strata.snapshot.service.ExportService;
import io.strata.snapshot.service.StorageService;

/**
 * The snapshot service's commands, from whichever service needs storage: ingest (volumes and snapshots of sources),
 * provisioning (clones and exports for virtual databases), masking (clones to mask), catalog (holds for bookmarks).
 * A refusal (unknown id, a snapshot in use, a full pool, a failing pool command) is answered with
 * {@link StorageRequestFailed} carrying the request id; only an unexpected error is retried and, at last,
 * dead-lettered.
 */
@ApplicationScoped
public class StorageCommandHandler extends EventRoutes {

    @Inject
    StorageService storage;

    @Inject
    ExportService exports;

    @Inject
    EventPublisher events;

    public StorageCommandHandler() {
        super(Set.of(Topics.INGEST, Topics.PROVISIONING, Topics.MASKING, Topics.CATALOG));
        command(CreateVolumeRequested.class, CreateVolumeRequested::requestId,
                c -> storage.createVolume(c.requestId(), c.volumeId(), c.dataset(), c.requestedBy()));
        command(SnapshotRequested.class, SnapshotRequested::requestId,
                c -> storage.snapshot(c.requestId(), c.volumeId(), c.snapshotId(), c.position(), c.positionTime(),
                        c.metadata()));
        // A clone only reads its snapshot and makes a volume nothing knows yet, so clones may run side by side; the
        // commands that could meet one (on the same volume id, the record key; a delete of its snapshot) do not.
        onIndependent(CloneRequested.class, refusing(CloneRequested.class, CloneRequested::requestId,
                c -> storage.cloneSnapshot(c.requestId(), c.snapshotId(), c.volumeId(), c.dataset(),
                        c.requestedBy())));
        command(DeleteVolumeRequested.class, DeleteVolumeRequested::requestId,
                c -> storage.deleteVolume(c.requestId(), c.volumeId()));
        command(DeleteSnapshotRequested.class, DeleteSnapshotRequested::requestId,
                c -> storage.deleteSnapshot(c.requestId(), c.snapshotId(), "requested"));
        command(ExportRequested.class, ExportRequested::requestId,
                c -> exports.export(c.requestId(), c.volumeId(), c.clients()));
        command(UnexportRequested.class, UnexportRequested::requestId,
                c -> exports.unexport(c.requestId(), c.volumeId()));
        command(HoldSnapshotRequested.class, HoldSnapshotRequested::requestId,
                c -> storage.hold(c.requestId(), c.snapshotId(), c.holder()));
        command(ReleaseSnapshotRequested.class, ReleaseSnapshotRequested::requestId,
                c -> storage.release(c.requestId(), c.snapshotId(), c
                        .holder()));
        on(LogWindowChanged.class, this::windowChanged);
    }

    /** Routes one command, answering a refusal of it (see {@link #refusing}). */
    private <T extends Event> void command(Class<T> type, Function<T, String> requestId, Consumer<T> action) {
        on(type, refusing(type, requestId, action));
    }

    /**
     * A command's action that answers a refusal of it (an {@link ApiException}, or a pool that could not do it) with
     * {@link StorageRequestFailed} carrying its request id and target.
     */
    private <T extends Event> Consumer<T> refusing(Class<T> type, Function<T, String> requestId, Consumer<T> action) {
        return command -> {
            try {
                action.accept(command);
            } catch (ApiException e) {
                refuse(type, requestId.apply(command), command.subject(), e.status(), e.getMessage());
            } catch (PoolException | UncheckedIOException e) {
                Log.errorf("%s %s failed on the pool: %s", type.getSimpleName(), command.subject(), Errors
                        .rootMessage(e));
                refuse(type, requestId.apply(command), command.subject(), 500, "The pool could not do it: "
                        + Errors.rootMessage(e));
            }
        };
    }

    private void windowChanged(LogWindowChanged fact) {
        Dataset dataset = Dataset.findOrCreate(fact.dataset());
        dataset.windowFrom = fact.from();
        dataset.windowTo = fact.to();
        dataset.windowArchive = fact.archive();
        dataset.windowEnvironment = fact.environment();
    }

    private void refuse(Class<? extends Event> type, String requestId, String target, int status, String reason) {
        String operation = Event.typeOf(type).value();
        Log.infof("Refused %s %s (%d): %s", operation, target, status, reason);
        events.publish(new StorageRequestFailed(requestId, operation, target, status, reason));
    }
}
