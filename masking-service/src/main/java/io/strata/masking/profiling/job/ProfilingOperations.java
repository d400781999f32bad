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
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.DeleteWorkingVdbRequested;
import io.strata.contracts.provisioning.WorkingVdbFailed;
import io.strata.contracts.provisioning.WorkingVdbReady;
import io.strata.contracts.provisioning.WorkingVdbRequested;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.dataset.SourceSnapshot;
import io.strata.masking.job.DatabaseMasking;
import io.strata.masking.profiling.Inventory;

/**
 * The steps of profiling: for a source, the provisioning service first makes a temporary working virtual database of
 * its newest snapshot (the source itself is never read); the worker ({@link ProfilingWorker}) samples and judges; the
 * run records the inventory, and the temporary working virtual database is deleted whatever the outcome (its engine
 * stopped, its clone given back).
 */
@ApplicationScoped
public class ProfilingOperations extends OperationDefinition<ProfilingOperation, ProfilingStep, ProfilingWork> {

    @Inject
    ProfilingWorker worker;

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    @Inject
    MaskingConfig config;

    /** The purpose of the temporary working virtual databases of profiling. */
    public static final String PURPOSE = "profiling";

    public ProfilingOperations() {
        super(ProfilingOperation.class, ProfilingStep.class, ProfilingWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of(Topics.PROVISIONING);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(WorkingVdbFailed.class);
    }

    @Override
    protected void request(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation) {
        ProfilingWork work = operation.data();
        jobs.progress(operation.jobId(), 2, "provisioning a working copy of snapshot " + work.sourceSnapshot());
        // The temporary clone belongs to the source's dataset for the few seconds it lives.
        events.publish(new WorkingVdbRequested(operation.requestId(), work.workingVdb(), "profile-" + operation
                .jobId().toString().substring(0, 13), work.sourceSnapshot(), work.volumeId(), operation.resource(),
                SourceSnapshot.workingUser(work.sourceSnapshot(), config.superuser()), PURPOSE));
    }

    @Override
    protected ProfilingWork replied(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation,
            Reply reply) {
        if (reply instanceof WorkingVdbReady ready) {
            return operation.data().withConnection(ready.vdb().connection());
        }
        return operation.data();
    }

    @Override
    protected ProfilingWork work(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation,
            Progress progress) {
        ProfilingWork work = operation.data();
        Inventory inventory = work.workingVdb() == null
                ? worker.profile(operation.jobId(), progress)
                : worker.profileCopy(operation.jobId(), work, progress);
        return work.withInventory(inventory);
    }

    @Override
    protected String completed(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation) {
        ProfilingRun run = ProfilingRun.findById(operation.jobId());
        Inventory inventory = operation.data().inventory();
        run.status = ProfilingRun.Status.SUCCEEDED;
        run.inventory = inventory;
        run.finishedAt = Instant.now();
        deleteWorkingVdb(operation, "release");
        return "profiled " + inventory.tablesSampled() + " tables: " + inventory.columns().size() + " columns "
                + "found, " + inventory.ruleset().rules().size() + " rules suggested";
    }

    @Override
    protected void failed(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation, String error) {
        ProfilingRun run = ProfilingRun.findById(operation.jobId());
        run.status = ProfilingRun.Status.FAILED;
        run.error = error;
        run.finishedAt = Instant.now();
        // Also after a refused request: there is then nothing to delete.
        deleteWorkingVdb(operation, "undo");
    }

    private void deleteWorkingVdb(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation,
            String purpose) {
        String workingVdb = operation.data().workingVdb();
        if (workingVdb != null) {
            events.publish(new DeleteWorkingVdbRequested(operation.requestId(purpose), workingVdb));
        }
    }

    @Override
    protected String describe(RuntimeException error) {
        return DatabaseMasking.describe(error);
    }
}
