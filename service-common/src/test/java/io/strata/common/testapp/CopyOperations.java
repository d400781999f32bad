package io.strata.common.testapp;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.common.operations.Progress;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;

/** Test definition: records every hook it runs, in order, so tests can check what ran when. */
@ApplicationScoped
public class CopyOperations extends OperationDefinition<CopyOperation, CopyStep, CopyWork> {

    /** The service that answers copy requests. */
    public static final String COPIER = "copier";

    /** What ran, e.g. {@code request <id>}, {@code work}, {@code undo COPY}, {@code failed <error>}. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();

    public CopyOperations() {
        super(CopyOperation.class, CopyStep.class, CopyWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of(COPIER);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(CopyRefused.class);
    }

    /** The parts of a GATHER step: three copiers asked at once. */
    public static final int COPIERS = 3;

    @Override
    protected int parts(Operation<CopyOperation, CopyStep, CopyWork> operation) {
        return operation.step() == CopyStep.GATHER ? COPIERS : 1;
    }

    @Override
    protected void request(Operation<CopyOperation, CopyStep, CopyWork> operation) {
        if (operation.step() == CopyStep.GATHER) {
            for (int part = 0; part < COPIERS; part++) {
                CALLS.add("request " + operation.partRequestId(part));
            }
        } else {
            CALLS.add("request " + operation.requestId());
        }
    }

    /** An answer; a gathered copy's answers are joined in the order they came. */
    @Override
    protected CopyWork replied(Operation<CopyOperation, CopyStep, CopyWork> operation, Reply reply) {
        CopyWork work = operation.data();
        String answer = ((CopyAnswered) reply).answer();
        return new CopyWork(work.source(), work.answer() == null ? answer : work.answer() + "," + answer, false);
    }

    @Override
    protected CopyWork work(Operation<CopyOperation, CopyStep, CopyWork> operation, Progress progress) {
        CALLS.add("work " + operation.resource());
        progress.report(50, "copying " + operation.data().source());
        if ("fail".equals(operation.data().source())) {
            throw new IllegalStateException("disk full");
        }
        return new CopyWork(operation.data().source(), operation.data().answer(), true);
    }

    @Override
    protected String completed(Operation<CopyOperation, CopyStep, CopyWork> operation) {
        CALLS.add("completed " + operation.resource());
        return "copied " + operation.data().source() + " (" + operation.data().answer() + ")";
    }

    @Override
    protected CopyWork undo(Operation<CopyOperation, CopyStep, CopyWork> operation) {
        CALLS.add("undo " + operation.resource() + " at " + operation.step());
        return operation.data();
    }

    @Override
    protected void failed(Operation<CopyOperation, CopyStep, CopyWork> operation, String error) {
        CALLS.add("failed " + operation.resource() + ": " + error);
    }
}
