package io.strata.provisioning.vdb;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.strata.common.events.EventHandler;
import io.strata.common.jobs.JobService;
import io.strata.common.tx.AfterCommit;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.provisioning.attach.AttachmentOutcome;
import io.strata.provisioning.attach.AttachmentService;

/**
 * Advances virtual databases' operations on the snapshot service's answers (a clone, a snapshot, a refusal) and on
 * attachments of clones to SSH targets.
 */
@ApplicationScoped
public class VdbEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of("CloneCreated", "SnapshotCreated", "StorageRequestFailed");

    @Inject
    EventCodec codec;

    @Inject
    JobService jobs;

    @Inject
    AfterCommit afterCommit;

    @Inject
    VdbWorker worker;

    @Inject
    VdbContexts contexts;

    @Inject
    AttachmentService attachments;

    @Override
    public Set<String> sources() {
        return Set.of(Topics.SNAPSHOT);
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return TYPES.contains(envelope.type()) && envelope.data().hasNonNull("requestId");
    }

    @Override
    public void apply(EventEnvelope envelope) {
        VdbStep step = VdbStep.findById(envelope.data().path("requestId").asText());
        if (step == null) {
            return;
        }
        switch (envelope.type()) {
            case "CloneCreated" -> {
                if (step.step != VdbStep.Step.CLONE) {
                    return;
                }
                Vdb vdb = Vdb.findById(step.vdbId);
                EnvironmentRef environment = contexts.environment(vdb.environmentId);
                String localPath = codec.payload(envelope, CloneCreated.class).volume().path();
                if ("local".equals(environment.kind())) {
                    next(step, VdbStep.Step.WORK, localPath);
                } else {
                    VdbStep attach = next(step, VdbStep.Step.ATTACH, null);
                    attachments.attach(new AttachRequested(attach.requestId, attach.volumeId, localPath, environment,
                            null, "vdb"));
                }
            }
            case "SnapshotCreated" -> {
                if (step.step == VdbStep.Step.SNAPSHOT) {
                    step.delete();
                    jobs.succeed(step.jobId, "snapshot " + codec.payload(envelope, SnapshotCreated.class).snapshot()
                            .id());
                    String vdbId = step.vdbId;
                    afterCommit.run(() -> worker.runHook(vdbId, "postSnapshot", () -> {
                    }));
                }
            }
            case "StorageRequestFailed" -> worker.fail(step.requestId, codec.payload(envelope,
                    StorageRequestFailed.class).reason());
            default -> throw new IllegalStateException(envelope.type());
        }
    }

    /** A clone mounted on an SSH target (or not). */
    void attached(@Observes AttachmentOutcome outcome) {
        VdbStep step = VdbStep.findById(outcome.requestId());
        if (step == null || step.step != VdbStep.Step.ATTACH) {
            return;
        }
        if (outcome.error() != null) {
            worker.fail(step.requestId, outcome.error());
        } else {
            next(step, VdbStep.Step.WORK, outcome.path());
        }
    }

    private VdbStep next(VdbStep step, VdbStep.Step nextStep, String path) {
        VdbStep next = step.next(nextStep);
        if (path != null) {
            next.path = path;
        }
        step.delete();
        next.persist();
        if (nextStep == VdbStep.Step.WORK) {
            jobs.progress(step.jobId, 40, "clone ready at " + path);
            String requestId = next.requestId;
            afterCommit.run(() -> worker.submit(requestId));
        }
        return next;
    }
}
