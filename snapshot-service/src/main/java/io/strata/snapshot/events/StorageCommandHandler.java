package io.strata.snapshot.events;

import java.io.UncheckedIOException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.errors.Errors;
import io.strata.common.events.EventHandler;
import io.strata.common.events.EventPublisher;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
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
public class StorageCommandHandler implements EventHandler {

    private static final Set<String> COMMANDS = Set.of("CreateVolumeRequested", "SnapshotRequested",
            "CloneRequested", "DeleteVolumeRequested", "DeleteSnapshotRequested", "ExportRequested",
            "UnexportRequested", "HoldSnapshotRequested", "ReleaseSnapshotRequested", "LogWindowChanged");

    @Inject
    EventCodec codec;

    @Inject
    StorageService storage;

    @Inject
    ExportService exports;

    @Inject
    EventPublisher events;

    @Override
    public Set<String> sources() {
        return Set.of(Topics.INGEST, Topics.PROVISIONING, Topics.MASKING, Topics.CATALOG);
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return COMMANDS.contains(envelope.type());
    }

    @Override
    public void apply(EventEnvelope envelope) {
        String requestId = null;
        String target = envelope.subject();
        try {
            switch (envelope.type()) {
                case "CreateVolumeRequested" -> {
                    var command = codec.payload(envelope, CreateVolumeRequested.class);
                    requestId = command.requestId();
                    storage.createVolume(requestId, command.volumeId(), command.dataset(), command.requestedBy());
                }
                case "SnapshotRequested" -> {
                    var command = codec.payload(envelope, SnapshotRequested.class);
                    requestId = command.requestId();
                    storage.snapshot(requestId, command.volumeId(), command.snapshotId(), command.position(),
                            command.positionTime(), command.metadata());
                }
                case "CloneRequested" -> {
                    var command = codec.payload(envelope, CloneRequested.class);
                    requestId = command.requestId();
                    storage.cloneSnapshot(requestId, command.snapshotId(), command.volumeId(), command.dataset(),
                            command.requestedBy());
                }
                case "DeleteVolumeRequested" -> {
                    var command = codec.payload(envelope, DeleteVolumeRequested.class);
                    requestId = command.requestId();
                    storage.deleteVolume(requestId, command.volumeId());
                }
                case "DeleteSnapshotRequested" -> {
                    var command = codec.payload(envelope, DeleteSnapshotRequested.class);
                    requestId = command.requestId();
                    target = command.snapshotId();
                    storage.deleteSnapshot(requestId, command.snapshotId(), "requested");
                }
                case "ExportRequested" -> {
                    var command = codec.payload(envelope, ExportRequested.class);
                    requestId = command.requestId();
                    exports.export(requestId, command.volumeId(), command.clients());
                }
                case "UnexportRequested" -> {
                    var command = codec.payload(envelope, UnexportRequested.class);
                    requestId = command.requestId();
                    exports.unexport(requestId, command.volumeId());
                }
                case "HoldSnapshotRequested" -> {
                    var command = codec.payload(envelope, HoldSnapshotRequested.class);
                    requestId = command.requestId();
                    storage.hold(requestId, command.snapshotId(), command.holder());
                }
                case "ReleaseSnapshotRequested" -> {
                    var command = codec.payload(envelope, ReleaseSnapshotRequested.class);
                    requestId = command.requestId();
                    storage.release(requestId, command.snapshotId(), command.holder());
                }
                case "LogWindowChanged" -> {
                    var fact = codec.payload(envelope, LogWindowChanged.class);
                    Dataset dataset = Dataset.findOrCreate(fact.dataset());
                    dataset.windowFrom = fact.from();
                    dataset.windowTo = fact.to();
                    dataset.windowArchive = fact.archive();
                    dataset.windowEnvironment = fact.environment();
                }
                default -> throw new IllegalStateException("unexpected " + envelope.type());
            }
        } catch (ApiException e) {
            refuse(envelope, requestId, target, e.status(), e.getMessage());
        } catch (PoolException | UncheckedIOException e) {
            Log.errorf("%s %s failed on the pool: %s", envelope.type(), target, Errors.rootMessage(e));
            refuse(envelope, requestId, target, 500, "The pool could not do it: " + Errors.rootMessage(e));
        }
    }

    private void refuse(EventEnvelope envelope, String requestId, String target, int status, String reason) {
        Log.infof("Refused %s %s (%d): %s", envelope.type(), target, status, reason);
        events.publish(new StorageRequestFailed(requestId, envelope.type(), target, status, reason));
    }
}
