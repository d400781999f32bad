package io.strata.masking.profiling.job;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.common.operations.Progress;
import io.strata.contracts.events.Refusal;
import io.strata.masking.profiling.Inventory;

/** The step of profiling: the worker ({@link ProfilingWorker}) samples and judges; the run records the inventory. */
@ApplicationScoped
public class ProfilingOperations extends OperationDefinition<ProfilingOperation, ProfilingStep, ProfilingWork> {

    @Inject
    ProfilingWorker worker;

    public ProfilingOperations() {
        super(ProfilingOperation.class, ProfilingStep.class, ProfilingWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of();
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of();
    }

    @Override
    protected ProfilingWork work(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation,
            Progress progress) {
        return new ProfilingWork(operation.data().vdbId(), worker.profile(operation.jobId(), progress));
    }

    @Override
    protected String completed(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation) {
        ProfilingRun run = ProfilingRun.findById(operation.jobId());
        Inventory inventory = operation.data().inventory();
        run.status = ProfilingRun.Status.SUCCEEDED;
        run.inventory = inventory;
        run.finishedAt = Instant.now();
        return "profiled " + inventory.tablesSampled() + " tables: " + inventory.columns().size() + " columns "
                + "found, " + inventory.ruleset().rules().size() + " rules suggested";
    }

    @Override
    protected void failed(Operation<ProfilingOperation, ProfilingStep, ProfilingWork> operation, String error) {
        ProfilingRun run = ProfilingRun.findById(operation.jobId());
        run.status = ProfilingRun.Status.FAILED;
        run.error = error;
        run.finishedAt = Instant.now();
    }
}
