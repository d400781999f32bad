package io.strata.common.operations;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.strata.common.errors.Errors;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;

/**
 * What one family of long operations does at each step, on success, on failure and after a restart; the
 * {@link OperationMachine} does the rest (persisting the step, matching replies, running workers, timeouts, jobs and
 * metrics). A definition is an application-scoped bean; its hooks are the only place where the family's rules live.
 * <ul>
 * <li>{@link #request}: a step that waits for a reply begins by sending its command (in the transaction that enters
 * the step, through the outbox).</li>
 * <li>{@link #replied}: the reply arrived; returns the data the next steps need.</li>
 * <li>{@link #work}: a worker step's side effects, outside any transaction. It runs again after a restart, so it must
 * be safe to repeat (adopt or stop what a previous attempt started).</li>
 * <li>{@link #completed}: the last step ended; the resource's new state, in the transaction that ends the job.</li>
 * <li>{@link #undo} then {@link #failed}: a failure first undoes on hosts what the operation left (on a worker, again
 * after a restart), and only then records the failure and asks other services to give back what they made, so
 * nothing is given back while something still uses it.</li>
 * </ul>
 *
 * @param <K> the family's operation enum
 * @param <S> the family's step enum
 * @param <D> the record of data the family's steps gather
 */
public abstract class OperationDefinition<K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> {

    private final Class<K> kinds;
    private final Class<S> steps;
    private final Class<D> dataType;

    protected OperationDefinition(Class<K> kinds, Class<S> steps, Class<D> dataType) {
        this.kinds = kinds;
        this.steps = steps;
        this.dataType = dataType;
    }

    /** The services ({@code snapshot}, {@code provisioning}...) whose replies this family's steps wait for. */
    public abstract Set<String> replySources();

    /** The refusals that fail a waiting step of this family (a refused storage request, a failed attachment). */
    public abstract Set<Class<? extends Refusal>> refusals();

    /**
     * A step that waits for a reply begins: send its command with {@code operation.requestId()}, or, when it has
     * several {@link #parts}, one command per part with {@code operation.partRequestId(part)}.
     */
    protected void request(Operation<K, S, D> operation) {
    }

    /**
     * How many commands the step that begins sends at once, each answered on its own; 1 by default. The step ends
     * once every part has answered ({@link #replied} is called once per part that succeeded); if any part was
     * refused, it fails with the first refusal then, so that {@link #failed} knows every part's outcome.
     */
    protected int parts(Operation<K, S, D> operation) {
        return 1;
    }

    /** The reply the current step (or one of its parts) waited for arrived; returns the data for the steps after it. */
    protected D replied(Operation<K, S, D> operation, Reply reply) {
        return operation.data();
    }

    /** Does a worker step: side effects on hosts, outside any transaction; returns the data for the steps after it. */
    protected D work(Operation<K, S, D> operation, Progress progress) {
        throw new IllegalStateException(operation.kind() + " has no worker for step " + operation.step());
    }

    /** The step after the current one, or {@code null} when the operation is done; by default the kind's order. */
    protected S next(Operation<K, S, D> operation) {
        List<S> order = operation.kind().steps();
        int at = order.indexOf(operation.step());
        return at + 1 < order.size() ? order.get(at + 1) : null;
    }

    /** The last step ended: records the outcome (in the transaction); returns the job's closing message. */
    protected abstract String completed(Operation<K, S, D> operation);

    /**
     * Undoes on hosts what the failed operation left there (engines, staging copies), outside any transaction; runs
     * again after a restart until it ends once. It does not throw: what it could not undo goes into the returned
     * data, for {@link #failed} to act on.
     */
    protected D undo(Operation<K, S, D> operation) {
        return operation.data();
    }

    /**
     * Records the failure (in the transaction that fails the job) and asks other services to give back what the
     * operation made; runs after {@link #undo}.
     */
    protected void failed(Operation<K, S, D> operation, String error) {
    }

    /** What a user reads when a worker step throws; families whose plugins raise errors of their own override it. */
    protected String describe(RuntimeException error) {
        return Errors.rootMessage(error);
    }

    /** The job kinds this family runs. */
    public final Set<String> jobKinds() {
        Set<String> jobKinds = new LinkedHashSet<>();
        EnumSet.allOf(kinds).forEach(kind -> jobKinds.add(kind.jobKind()));
        return jobKinds;
    }

    /** Every reply type a step of this family waits for, and the refusals. */
    public final Set<Class<? extends Reply>> replyTypes() {
        Set<Class<? extends Reply>> types = new LinkedHashSet<>(refusals());
        for (S step : EnumSet.allOf(steps)) {
            if (step.awaits() != null) {
                types.add(step.awaits());
            }
        }
        return types;
    }

    final Class<D> dataType() {
        return dataType;
    }

    final K kind(String jobKind) {
        return EnumSet.allOf(kinds).stream().filter(kind -> kind.jobKind().equals(jobKind)).findFirst().orElseThrow(
                () -> new IllegalArgumentException(kinds.getSimpleName() + " has no kind " + jobKind));
    }

    final S step(String name) {
        return Enum.valueOf(steps, name);
    }
}
