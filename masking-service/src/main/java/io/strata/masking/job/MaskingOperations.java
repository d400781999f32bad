package io.strata.masking.job;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.common.operations.Progress;
import io.strata.contracts.events.Refusal;

/**
 * The steps of masking: the worker ({@link MaskingWorker}) masks and verifies; the run records the report or the
 * failure. Masking in place cannot be undone, so a failed job says what state the database is in.
 */
@ApplicationScoped
public class MaskingOperations extends OperationDefinition<MaskingOperation, MaskingStep, MaskingWork> {

    @Inject
    MaskingWorker worker;

    public MaskingOperations() {
        super(MaskingOperation.class, MaskingStep.class, MaskingWork.class);
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
    protected MaskingWork work(Operation<MaskingOperation, MaskingStep, MaskingWork> operation, Progress progress) {
        return new MaskingWork(operation.data().vdbId(), worker.mask(operation.jobId(), progress));
    }

    @Override
    protected String completed(Operation<MaskingOperation, MaskingStep, MaskingWork> operation) {
        MaskingRun run = MaskingRun.findById(operation.jobId());
        run.finish(operation.data().report(), null);
        return "masked " + run.rules.size() + " columns; verified: no original value left";
    }

    @Override
    protected void failed(Operation<MaskingOperation, MaskingStep, MaskingWork> operation, String error) {
        MaskingRun run = MaskingRun.findById(operation.jobId());
        run.finish(null, error);
    }

    @Override
    protected String describe(RuntimeException error) {
        return DatabaseMasking.describe(error);
    }
}
