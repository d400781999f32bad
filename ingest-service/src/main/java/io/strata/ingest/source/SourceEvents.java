package io.strata.ingest.source;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventHandler;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.JobService;
import io.strata.common.tx.AfterCommit;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.AttachFailed;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.AttachmentReady;
import io.strata.contracts.provisioning.DetachRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;
import io.strata.contracts.storage.LogWindowChanged;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.contracts.storage.VolumeCreated;
import io.strata.engine.SnapshotPoint;
import io.strata.ingest.environment.Environment;

/**
 * Advances sources' operations on the answers of the snapshot and provisioning services: a volume was made → attach
 * it to the staging environment; it is attached → the worker loads it; the snapshot was taken → the operation is
 * done. A refusal fails the operation, which cleans up after itself. Answers to requests no operation waits for
 * (the undo of a failed link, say) are ignored.
 */
@ApplicationScoped
public class SourceEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of("VolumeCreated", "SnapshotCreated", "StorageRequestFailed",
            "AttachmentReady", "AttachFailed");

    @Inject
    EventCodec codec;

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SourceWorker worker;

    @Inject
    SyncScheduler scheduler;

    @Override
    public Set<String> sources() {
        return Set.of(Topics.SNAPSHOT, Topics.PROVISIONING);
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return TYPES.contains(envelope.type()) && envelope.data().hasNonNull("requestId");
    }

    @Override
    public void apply(EventEnvelope envelope) {
        PendingStep step = PendingStep.findById(envelope.data().path("requestId").asText());
        if (step == null) {
            return;
        }
        switch (envelope.type()) {
            case "VolumeCreated" -> volumeCreated(step, codec.payload(envelope, VolumeCreated.class));
            case "AttachmentReady" -> attached(step, codec.payload(envelope, AttachmentReady.class));
            case "SnapshotCreated" -> snapshotted(step, codec.payload(envelope, SnapshotCreated.class).snapshot());
            case "StorageRequestFailed" -> worker.fail(step.requestId, codec.payload(envelope,
                    StorageRequestFailed.class).reason());
            case "AttachFailed" -> worker.fail(step.requestId, codec.payload(envelope, AttachFailed.class).reason());
            default -> throw new IllegalStateException(envelope.type());
        }
    }

    private void volumeCreated(PendingStep step, VolumeCreated created) {
        if (step.step != PendingStep.Step.VOLUME) {
            return;
        }
        Source source = Source.findById(step.sourceId);
        if (step.operation == PendingStep.Operation.LINK) {
            source.volumeId = created.volume().id();
        }
        PendingStep next = step.next(PendingStep.Step.ATTACH);
        step.delete();
        next.persist();
        Environment staging = Environment.findById(source.stagingEnvironmentId);
        jobs.progress(step.jobId, 10, "attaching the staging volume to " + staging.name);
        events.publish(new AttachRequested(next.requestId, created.volume().id(), created.volume().path(), staging
                .toRef(), null, "staging"));
    }

    private void attached(PendingStep step, AttachmentReady ready) {
        if (step.step != PendingStep.Step.ATTACH) {
            return;
        }
        Source source = Source.findById(step.sourceId);
        if (step.operation == PendingStep.Operation.LINK) {
            source.stagingPath = ready.path();
        }
        PendingStep next = step.next(PendingStep.Step.WORK);
        next.path = ready.path();
        step.delete();
        next.persist();
        jobs.progress(step.jobId, 15, "initial load into " + ready.path());
        String requestId = next.requestId;
        afterCommit.run(() -> worker.submit(requestId));
    }

    private void snapshotted(PendingStep step, SnapshotView snapshot) {
        if (step.step != PendingStep.Step.SNAPSHOT) {
            return;
        }
        Source source = Source.findById(step.sourceId);
        source.state = Source.State.ACTIVE;
        source.lastSyncAt = snapshot.createdAt();
        source.lastSnapshotId = snapshot.id();
        source.lastPosition = snapshot.position();
        source.sizeBytes = snapshot.logicalSize();
        source.snapshotCount++;
        source.error = null;
        if (SourceSnapshot.count("sourceId = ?1 and snapshotId = ?2", source.id, snapshot.id()) == 0) {
            SourceSnapshot taken = new SourceSnapshot();
            taken.sourceId = source.id;
            taken.snapshotId = snapshot.id();
            taken.position = snapshot.position();
            taken.takenAt = snapshot.createdAt() != null ? snapshot.createdAt() : Instant.now();
            taken.positionTime = snapshot.positionTime();
            taken.persist();
        }
        String archive = snapshot.metadata() == null ? null : snapshot.metadata().get("walArchive");
        if (source.logSync && archive != null) {
            // Any moment from the first snapshot with kept WAL to this one can now be provisioned.
            SourceSnapshot first = SourceSnapshot.find("sourceId = ?1 and positionTime is not null",
                    io.quarkus.panache.common.Sort.ascending("positionTime"), source.id).firstResult();
            events.publish(new LogWindowChanged(source.id, first.positionTime, snapshot.positionTime(), archive,
                    source.stagingEnvironmentId));
        }
        if (step.operation == PendingStep.Operation.RESYNC && step.oldVolumeId != null) {
            // The old volume's snapshots stay on the timeline; the volume itself is no longer needed.
            events.publish(new DetachRequested(step.jobId + "-old-detach", step.oldVolumeId));
            events.publish(new DeleteVolumeRequested(step.jobId + "-old-volume", step.oldVolumeId));
        }
        step.delete();
        jobs.succeed(step.jobId, "snapshot " + snapshot.id() + (snapshot.position() != null
                ? " at "
                        + snapshot.position()
                : ""));
        String sourceId = source.id;
        SnapshotPoint point = new SnapshotPoint(snapshot.position(), snapshot.positionTime(), snapshot.metadata());
        boolean linked = step.operation == PendingStep.Operation.LINK;
        afterCommit.run(() -> {
            worker.postSnapshot(sourceId, point);
            if (linked) {
                scheduler.refresh(sourceId);
            }
        });
    }
}
