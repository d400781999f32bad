package io.strata.masking.profiling.job;

import java.time.Instant;
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
import io.strata.contracts.storage.CloneCreated;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.StorageRequestFailed;
import io.strata.masking.job.DatabaseMasking;
import io.strata.masking.profiling.Inventory;

/**
 * The steps of profiling: for a source, the snapshot service first clones its newest snapshot (the source itself is
 * never read); the worker ({@link ProfilingWorker}) samples and judges; the run records the inventory, and a
 * temporary clone is given back whatever the outcome.
 */
@ApplicationScoped
public class ProfilingOperations extends OperationDefinition<ProfilingOperation, ProfilingStep, ProfilingWork> {

    @Inject
    ProfilingWorker worker;

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    public ProfilingOperations() {
        super(ProfilingOperation.class, ProfilingStep.class, ProfilingWork.class);
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
    protected void request(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation) {
        ProfilingWork work = operation.data();
        jobs.progress(operation.jobId(), 2, "cloning snapshot " + work.sourceSnapshot());
        // The temporary clone belongs to the source's dataset for the few seconds it lives.
        events.publish(new CloneRequested(operation.requestId(), work.sourceSnapshot(), work.volumeId(), operation
                .resource(), null));
    }

    @Override
    protected ProfilingWork replied(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation,
            Reply reply) {
        if (reply instanceof CloneCreated created) {
            return operation.data().withClone(created.volume().path());
        }
        return operation.data();
    }

    @Override
    protected ProfilingWork work(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation,
            Progress progress) {
        ProfilingWork work = operation.data();
        Inventory inventory = work.clonePath() == null
                ? worker.profile(operation.jobId(), progress)
                : worker.profileClone(operation.jobId(), work, progress);
        return work.withInventory(inventory);
    }

    @Override
    protected String completed(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation) {
        ProfilingRun run = ProfilingRun.findById(operation.jobId());
        Inventory inventory = operation.data().inventory();
        run.status = ProfilingRun.Status.SUCCEEDED;
        run.inventory = inventory;
        run.finishedAt = Instant.now();
        VolumeReturns.giveBack(events, operation.requestId("release"), operation.data().volumeId());
        return "profiled " + inventory.tablesSampled() + " tables: " + inventory.columns().size() + " columns "
                + "found, " + inventory.ruleset().rules().size() + " rules suggested";
    }

    @Override
    protected ProfilingWork undo(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation) {
        ProfilingWork work = operation.data();
        if (operation.step() == ProfilingStep.SAMPLE && work.clonePath() != null) {
            worker.stopLeftover(operation.jobId(), work);
        }
        return work;
    }

    @Override
    protected void failed(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation, String error) {
        ProfilingRun run = ProfilingRun.findById(operation.jobId());
        run.status = ProfilingRun.Status.FAILED;
        run.error = error;
        run.finishedAt = Instant.now();
        // Also after a refused clone: the delete is then refused in turn, harmlessly.
        VolumeReturns.giveBack(events, operation.requestId("undo"), operation.data().volumeId());
    }

    @Override
    protected String describe(RuntimeException error) {
        return DatabaseMasking.describe(error);
    }
}
