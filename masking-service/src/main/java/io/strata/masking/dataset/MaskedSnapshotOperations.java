package io.strata.masking.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import io.strata.contracts.provisioning.DeleteWorkingVdbRequested;
import io.strata.contracts.provisioning.StopWorkingVdbRequested;
import io.strata.contracts.provisioning.WorkingVdbFailed;
import io.strata.contracts.provisioning.WorkingVdbReady;
import io.strata.contracts.provisioning.WorkingVdbRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.engine.SnapshotMetadata;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.job.DatabaseMasking;

/**
 * The steps of a masked snapshot: the provisioning service makes a working virtual database of the source snapshot
 * (private to this service, its clone a volume of the masked dataset, its user the sources' superuser), the worker
 * ({@link MaskedSnapshotWorker}) masks it over JDBC, the provisioning service stops it cleanly, and the snapshot
 * service snapshots its clone onto the masked dataset's timeline. The newest one is kept, stopped, and the one it
 * replaces deleted. A failure deletes the working virtual database (its engine stopped, its clone given back), so no
 * half-masked copy, engine or clone is left anywhere; this service runs no engine of its own.
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

    /** The purpose of the working virtual databases of masked datasets. */
    public static final String PURPOSE = "masking";

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    @Inject
    MaskedSnapshotWorker worker;

    @Inject
    MaskingConfig config;

    public MaskedSnapshotOperations() {
        super(MaskedSnapshotOperation.class, MaskedSnapshotStep.class, MaskedSnapshotWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of(Topics.SNAPSHOT, Topics.PROVISIONING);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(StorageRequestFailed.class, WorkingVdbFailed.class);
    }

    @Override
    protected void request(Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation) {
        MaskedSnapshotWork work = operation.data();
        switch (operation.step()) {
            case PROVISION -> {
                jobs.progress(operation.jobId(), 5, "provisioning a working copy of snapshot " + work
                        .sourceSnapshot());
                // Its clone belongs to the masked dataset, so that the snapshot of it is on the dataset's timeline.
                events.publish(new WorkingVdbRequested(operation.requestId(), work.vdbId(), workingName(operation
                        .jobId()), work.sourceSnapshot(), work.volumeId(), work.maskedDataset(),
                        SourceSnapshot.workingUser(
                                work.sourceSnapshot(), config.superuser()),
                        PURPOSE));
            }
            case STOP -> {
                jobs.progress(operation.jobId(), 86, "stopping the working copy");
                events.publish(new StopWorkingVdbRequested(operation.requestId(), work.vdbId()));
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
    private static Map<String, String> metadata(UUID jobId, SourceSnapshot source,
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
        if (reply instanceof WorkingVdbReady ready) {
            jobs.progress(operation.jobId(), 10, "working copy " + ready.vdb().name() + " ready on port " + ready
                    .vdb().connection().port());
            return operation.data().withConnection(ready.vdb().connection());
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
        // The newest working copy stays (stopped), so that the pool keeps the dataset's snapshots; the one it replaces
        // goes, and so does a clone kept the way it was before working copies were virtual databases.
        String previous = dataset.keptVdb;
        dataset.keptVdb = work.vdbId();
        if (previous != null && !previous.equals(work.vdbId())) {
            events.publish(new DeleteWorkingVdbRequested(operation.requestId("release"), previous));
        }
        VolumeReturns.giveBack(events, operation.requestId("release"), dataset.keptVolume);
        dataset.keptVolume = null;
        return "masked snapshot " + work.snapshotId() + " of " + work.sourceSnapshot();
    }

    /**
     * Whatever the step: the working virtual database is deleted, its engine stopped and its clone given back by the
     * provisioning service (also when it was never made, or is still being made: it is then deleted once made).
     */
    @Override
    protected void failed(Operation<MaskedSnapshotOperation, MaskedSnapshotStep, MaskedSnapshotWork> operation,
            String error) {
        MaskedSnapshotWork work = operation.data();
        MaskedSnapshot run = MaskedSnapshot.findById(operation.jobId());
        run.finish(null, error);
        events.publish(new DeleteWorkingVdbRequested(operation.requestId("undo"), work.vdbId()));
    }

    /** The working virtual database's name: unique to the job. */
    private static String workingName(UUID jobId) {
        return "mask-" + jobId.toString().substring(0, 13);
    }

    @Override
    protected String describe(RuntimeException error) {
        return DatabaseMasking.describe(error);
    }
}
