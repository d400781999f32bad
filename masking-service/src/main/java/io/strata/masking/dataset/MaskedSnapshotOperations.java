package io.strata.masking.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.JobService;
import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.common.operations.Progress;
import io.strata.common.storage.VolumeReturns;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;
import io.strata.contracts.events.Topics;
import io.strata.contracts.masking.MaskingCompleted;
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.engine.SnapshotMetadata;
import io.strata.masking.job.DatabaseMasking;

/**
 * The steps of a masked snapshot: the snapshot service clones the source snapshot into the masked dataset, the worker
 * ({@link MaskedSnapshotWorker}) masks the clone on a working engine and stops it, the snapshot service snapshots it
 * onto the masked dataset's timeline, and the clone is given back. A failure stops the engine and gives the clone
 * back, so no half-masked copy is left anywhere.
 */
@ApplicationScoped
public class MaskedSnapshotOperations
        extends
            OperationDefinition<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> {

    /** Snapshot metadata: the source snapshot a masked snapshot was made from. */
    public static final String MASKED_FROM = "maskedFrom";
    /** Snapshot metadata: the ruleset and its version, {@code <id>@v<version>}. */
    public static final String RULESET = "ruleset";
    /** Snapshot metadata: the masking key ids used, comma-separated. */
    public static final String KEY_IDS = "keyIds";

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    @Inject
    MaskedSnapshotWorker worker;

    public MaskedSnapshotOperations() {
        super(MaskedSnapshotOperation.class, MaskedSnapshotStep.class, MaskedSnapshotWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of(Topics.SNAPSHOT);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(StorageRequestFailed.class);
    }

    @Override
    protected void request(Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation) {
        MaskedSnapshotWork work = operation.data();
        switch (operation.step()) {
            case CLONE -> {
                jobs.progress(operation.jobId(), 5, "cloning snapshot " + work.sourceSnapshot());
                events.publish(new CloneRequested(operation.requestId(), work.sourceSnapshot(), work.volumeId(),
                        work.maskedDataset(), null));
            }
            case SNAPSHOT -> {
                jobs.progress(operation.jobId(), 90, "snapshotting the masked clone");
                SourceSnapshot source = SourceSnapshot.findById(work.sourceSnapshot());
                events.publish(new SnapshotRequested(operation.requestId(), work.volumeId(), work.snapshotId(),
                        source.position, source.positionTime, metadata(operation.jobId(), source, work)));
            }
            default -> throw new IllegalStateException(operation.step() + " sends no request");
        }
    }

    /** The source snapshot's metadata, less what holds for the source only, with what was masked and how. */
    private static Map<String, String> metadata(java.util.UUID jobId, SourceSnapshot source,
            MaskedSnapshotWork work) {
        Map<String, String> metadata = new LinkedHashMap<>(source.metadata == null ? Map.of() : source.metadata);
        metadata.remove(SnapshotMetadata.WAL_ARCHIVE.key());
        metadata.remove(SnapshotMetadata.TIMELINE.key());
        MaskedSnapshot run = MaskedSnapshot.findById(jobId);
        metadata.put(MASKED_FROM, work.sourceSnapshot());
        metadata.put(RULESET, run.rules.isEmpty() ? "" : rulesetOf(run));
        metadata.put(KEY_IDS, String.join(",", keyIds(work)));
        return metadata;
    }

    private static List<String> keyIds(MaskedSnapshotWork work) {
        Object keyIds = work.report() == null ? null : work.report().get("keyIds");
        return keyIds instanceof List<?> ids ? ids.stream().map(String::valueOf).toList() : List.of();
    }

    private static String rulesetOf(MaskedSnapshot run) {
        MaskedDataset dataset = MaskedDataset.findById(run.maskedDataset);
        return dataset.rulesetId + "@v" + run.rulesetVersion;
    }

    @Override
    protected MaskedSnapshotWork replied(
            Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation, Reply reply) {
        if (reply instanceof CloneCreated created) {
            jobs.progress(operation.jobId(), 10, "clone ready at " + created.volume().path());
            return operation.data().withClone(created.volume().path());
        }
        return operation.data();
    }

    @Override
    protected MaskedSnapshotWork work(
            Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation, Progress progress) {
        return operation.data().withReport(worker.mask(operation.jobId(), operation.data(), progress));
    }

    @Override
    protected String completed(
            Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation) {
        MaskedSnapshotWork work = operation.data();
        MaskedSnapshot run = MaskedSnapshot.findById(operation.jobId());
        run.snapshotId = work.snapshotId();
        run.finish(work.report(), null);
        MaskedDataset dataset = MaskedDataset.findById(work.maskedDataset());
        events.publish(new MaskingCompleted(dataset.id, dataset.name, work.sourceSnapshot(), work.snapshotId(),
                dataset.rulesetId, run.rulesetVersion, keyIds(work), operation.jobId().toString()));
        // The newest clone stays, so that the pool keeps the dataset's snapshots; the one it replaces goes.
        String previous = dataset.keptVolume;
        dataset.keptVolume = work.volumeId();
        VolumeReturns.giveBack(events, operation.requestId("release"), previous);
        return "masked snapshot " + work.snapshotId() + " of " + work.sourceSnapshot();
    }

    @Override
    protected MaskedSnapshotWork undo(
            Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation) {
        MaskedSnapshotWork work = operation.data();
        if (operation.step() != MaskedSnapshotStep.MASK || work.clonePath() == null) {
            return work;
        }
        return work.withEngineLeft(!worker.stopLeftover(operation.jobId(), work));
    }

    @Override
    protected void failed(Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation,
            String error) {
        MaskedSnapshotWork work = operation.data();
        MaskedSnapshot run = MaskedSnapshot.findById(operation.jobId());
        run.finish(null, work.engineLeft()
                ? error + " The engine on the working clone " + work.clonePath() + " could not be stopped, so the "
                        + "clone is kept; stop it (pg_ctl stop) and delete volume " + work.volumeId() + "."
                : error);
        if (!work.engineLeft()) {
            // Also after a refused clone: the delete is then refused in turn, harmlessly.
            VolumeReturns.giveBack(events, operation.requestId("undo"), work.volumeId());
        }
    }

    @Override
    protected String describe(RuntimeException error) {
        return DatabaseMasking.describe(error);
    }
}
