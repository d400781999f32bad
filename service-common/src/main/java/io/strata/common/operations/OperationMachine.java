package io.strata.common.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.events.Correlation;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobResumer;
import io.strata.common.jobs.JobService;
import io.strata.common.persistence.JsonColumns;
import io.strata.common.tx.AfterCommit;
import io.strata.common.util.DaemonThreads;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;

/**
 * Runs every long operation of a service the same way, whatever its family (see {@link OperationDefinition}): the
 * job and the current step are one row ({@link OperationStep}) written in the transaction that sends the step's
 * command; a reply carrying the step's request id moves it on; worker steps run on a worker thread after the commit
 * and move it on in a transaction of their own; a refusal, an error or a step that waited past its deadline starts
 * the undo; after a restart, worker steps and undos run again while waiting steps keep waiting (their command is in
 * the outbox or the broker). Each operation's duration and outcome is recorded as the
 * {@code strata.operation.duration} histogram, tagged with the job kind and outcome.
 */
@ApplicationScoped
public class OperationMachine implements JobResumer {

    private static final String METRIC = "strata.operation.duration";

    /** Separates a step's request id from a part's number in the id of a part's command. */
    static final String PART = "/";

    @Inject
    JobService jobs;

    @Inject
    AfterCommit afterCommit;

    @Inject
    StrataServiceConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    @Any
    Instance<OperationDefinition<?, ?, ?>> definitions;

    private final ExecutorService workers = DaemonThreads.pool("operation-worker");
    private volatile Map<String, OperationDefinition<?, ?, ?>> byJobKind;
    private volatile Set<String> sources;
    private volatile Set<Class<? extends Reply>> replies;

    /** Starts an operation in the caller's transaction: its job, and its first step. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> Job start(K kind, String resource,
            D data, String requestedBy) {
        Job job = jobs.create(kind.jobKind(), resource, requestedBy);
        OperationStep row = new OperationStep();
        row.jobId = job.id;
        row.kind = kind.jobKind();
        row.resource = resource;
        row.data = JsonColumns.mapper().valueToTree(data);
        enter(definition(row.kind), row, kind.steps().get(0), true);
        return job;
    }

    /**
     * Runs {@code action} on a worker once the current transaction commits: side effects that follow an outcome but
     * do not change it (a hook after a snapshot, removing a log no longer needed).
     */
    public void afterwards(Runnable action) {
        afterCommit.run(() -> workers.execute(action));
    }

    /** The operation running on a resource, or {@code null}. */
    @Transactional
    public OperationStep running(String resource) {
        return OperationStep.ofResource(resource);
    }

    /**
     * A reply reached this service (from another service's event, or from a part of this one): the operation whose
     * current step sent the request moves on, or starts undoing on a refusal. Replies nobody waits for are ignored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public void reply(Reply reply) {
        if (reply.requestId() == null) {
            return;
        }
        String part = null;
        OperationStep row = OperationStep.lockByRequest(reply.requestId());
        int cut = reply.requestId().lastIndexOf(PART);
        if (row == null && cut > 0) {
            row = OperationStep.lockByRequest(reply.requestId().substring(0, cut));
            part = reply.requestId().substring(cut + PART.length());
        }
        if (row == null || row.failure != null) {
            return;
        }
        handleReply(definition(row.kind), row, reply, part);
    }

    /** Fails the operation waiting on a request, in the caller's transaction; its undo follows on a worker. */
    @Transactional
    public void fail(String requestId, String error) {
        OperationStep row = OperationStep.lockByRequest(requestId);
        if (row != null && row.failure == null) {
            beginUndo(row, error, false);
        }
    }

    @Override
    public boolean handles(String kind) {
        return definitions().containsKey(kind);
    }

    /** After a restart: worker steps and undos run again; a step waiting for a reply keeps waiting. */
    @Override
    @SuppressWarnings("unchecked")
    public void resume(Job job) {
        OperationStep row = QuarkusTransaction.requiringNew().call(() -> OperationStep.findById(job.id));
        if (row == null) {
            jobs.fail(job.id, "The " + config.service().name() + " service restarted and found nothing left of this "
                    + "operation; run it again.");
            return;
        }
        if (row.failure != null || ((StepKind) definition(row.kind).step(row.step)).awaits() == null) {
            Log.infof("Resuming %s of %s at %s", row.kind, row.resource, row.failure != null ? "its undo" : row.step);
            submit(row.requestId);
        }
    }

    /** Every few seconds: a step that waited past its deadline fails, and its undo gives back what it made. */
    @Scheduled(every = "${strata.operations.timeout-check:10s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failOverdue() {
        List<OperationStep> overdue = QuarkusTransaction.requiringNew().call(() -> OperationStep.overdue(Instant
                .now()));
        for (OperationStep late : overdue) {
            QuarkusTransaction.requiringNew().run(() -> {
                OperationStep row = OperationStep.lockByRequest(late.requestId);
                if (row != null && row.failure == null) {
                    Duration waited = Duration.between(row.enteredAt, Instant.now());
                    beginUndo(row, "No answer to the " + row.step.toLowerCase(Locale.ROOT) + " step of this "
                            + row.kind + " within " + waited.toSeconds() + " s; is the service that owns it "
                            + "running (make status)? Run the operation again once it is.", false);
                }
            });
        }
    }

    /**
     * A reply to the current step, or to one of its parts ({@code part}, {@code null} for a step of one part): the
     * step ends once every part has answered, failing with the first refusal if there was one.
     */
    private <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> void handleReply(
            OperationDefinition<K, S, D> definition, OperationStep row, Reply reply, String part) {
        S step = definition.step(row.step);
        boolean refused = reply instanceof Refusal;
        if (!refused && (step.awaits() == null || !step.awaits().isInstance(reply))) {
            return;
        }
        if (row.parts > 1) {
            if (!isPart(part, row.parts) || row.answered.contains(part)) {
                Log.debugf("Ignoring answer %s to %s of %s: not one of its parts, or answered already", reply
                        .requestId(), row.step, row.kind);
                return;
            }
            List<String> answered = new ArrayList<>(row.answered);
            answered.add(part);
            row.answered = answered;
        }
        if (refused) {
            row.refusal = row.refusal != null ? row.refusal : ((Refusal) reply).reason();
        } else {
            row.data = JsonColumns.mapper().valueToTree(definition.replied(operation(definition, row), reply));
        }
        if (row.parts > 1 && row.answered.size() < row.parts) {
            return;
        }
        if (row.refusal != null) {
            beginUndo(row, row.refusal, false);
        } else {
            advance(definition, row, operation(definition, row).data());
        }
    }

    /** Whether {@code part} names one of a step's {@code parts}: 0 to parts - 1, as {@link Operation} numbers them. */
    private static boolean isPart(String part, int parts) {
        if (part == null || part.isEmpty() || part.length() > 9 || !part.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(part) < parts;
    }

    private <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> void advance(
            OperationDefinition<K, S, D> definition, OperationStep row, D data) {
        row.data = JsonColumns.mapper().valueToTree(data);
        if (jobs.isCancelRequested(row.jobId)) {
            beginUndo(row, "canceled on request", true);
            return;
        }
        Operation<K, S, D> operation = operation(definition, row);
        S next = definition.next(operation);
        if (next == null) {
            String message = definition.completed(operation);
            Job job = jobs.succeed(row.jobId, message);
            row.delete();
            record(job, "succeeded");
        } else {
            enter(definition, row, next, false);
        }
    }

    private <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> void enter(
            OperationDefinition<K, S, D> definition, OperationStep row, S step, boolean fresh) {
        Instant now = Instant.now();
        row.step = step.name();
        row.requestId = row.jobId + "-" + step.name().toLowerCase(Locale.ROOT);
        row.enteredAt = now;
        row.deadline = step.timeout() == null ? null : now.plus(step.timeout());
        row.answered = List.of();
        row.refusal = null;
        row.parts = step.awaits() != null ? Math.max(1, definition.parts(operation(definition, row))) : 1;
        if (fresh) {
            row.persist();
        }
        if (step.awaits() != null) {
            definition.request(operation(definition, row));
        } else {
            String requestId = row.requestId;
            afterCommit.run(() -> submit(requestId));
        }
    }

    private void beginUndo(OperationStep row, String error, boolean canceled) {
        row.failure = error;
        row.canceled = canceled;
        row.requestId = row.jobId + "-undo";
        row.deadline = null;
        jobs.progress(row.jobId, 0, "undoing after: " + error);
        String requestId = row.requestId;
        afterCommit.run(() -> submit(requestId));
    }

    @SuppressWarnings("unchecked")
    private void submit(String requestId) {
        workers.execute(() -> {
            OperationStep row = QuarkusTransaction.requiringNew().call(() -> OperationStep.find("requestId",
                    requestId).firstResult());
            if (row == null) {
                return;
            }
            Job job = QuarkusTransaction.requiringNew().call(() -> Job.findById(row.jobId));
            Correlation.run(job == null ? null : job.correlationId, null, () -> runOnWorker(definition(row.kind),
                    row));
        });
    }

    private <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> void runOnWorker(
            OperationDefinition<K, S, D> definition, OperationStep row) {
        Operation<K, S, D> operation = operation(definition, row);
        if (row.failure != null) {
            D undone = undo(definition, operation);
            QuarkusTransaction.requiringNew().run(() -> endUndo(definition, row.requestId, undone));
            return;
        }
        D data;
        try {
            data = definition.work(operation, (percent, what) -> progress(row.jobId, percent, what));
        } catch (RuntimeException e) {
            Log.warnf(e, "%s of %s failed at %s", row.kind, row.resource, row.step);
            String error = definition.describe(e);
            QuarkusTransaction.requiringNew().run(() -> fail(row.requestId, error));
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            OperationStep current = OperationStep.lockByRequest(row.requestId);
            if (current != null && current.failure == null) {
                advance(definition, current, data);
            }
        });
    }

    private static <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> D undo(
            OperationDefinition<K, S, D> definition, Operation<K, S, D> operation) {
        try {
            return definition.undo(operation);
        } catch (RuntimeException e) {
            Log.errorf(e, "Undoing %s of %s failed; what it left stays", operation.kind(), operation.resource());
            return operation.data();
        }
    }

    private <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> void endUndo(
            OperationDefinition<K, S, D> definition, String requestId, D undone) {
        OperationStep row = OperationStep.lockByRequest(requestId);
        if (row == null) {
            return;
        }
        definition.failed(operation(definition, row).withData(undone), row.failure);
        Job job = row.canceled ? jobs.canceled(row.jobId, row.failure) : jobs.fail(row.jobId, row.failure);
        row.delete();
        record(job, row.canceled ? "canceled" : "failed");
    }

    private void progress(UUID jobId, int percent, String what) {
        try {
            jobs.progress(jobId, percent, what);
        } catch (RuntimeException e) {
            Log.debugf("Could not record progress of %s: %s", jobId, e.getMessage());
        }
    }

    private void record(Job job, String outcome) {
        Timer.builder(METRIC).description("How long long operations take, by job kind and outcome")
                .tag("kind", job.kind).tag("outcome", outcome).publishPercentileHistogram().register(registry)
                .record(Duration.between(job.createdAt, Instant.now()));
    }

    private static <K extends Enum<K> & OperationKind<S>, S extends Enum<S> & StepKind, D> Operation<K, S, D> operation(
            OperationDefinition<K, S, D> definition, OperationStep row) {
        D data;
        try {
            data = JsonColumns.mapper().treeToValue(row.data, definition.dataType());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Operation " + row.jobId + " holds data that is not a "
                    + definition.dataType().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        return new Operation<>(row.jobId, row.requestId, definition.kind(row.kind), definition.step(row.step),
                row.resource, data, row.failure);
    }

    /** The definitions by job kind. */
    Map<String, OperationDefinition<?, ?, ?>> definitions() {
        Map<String, OperationDefinition<?, ?, ?>> known = byJobKind;
        if (known == null) {
            known = new HashMap<>();
            for (OperationDefinition<?, ?, ?> definition : definitions) {
                for (String kind : definition.jobKinds()) {
                    known.put(kind, definition);
                }
            }
            byJobKind = known;
        }
        return known;
    }

    /** The services whose replies the definitions wait for. */
    Set<String> replySources() {
        Set<String> known = sources;
        if (known == null) {
            Set<String> collected = new java.util.TreeSet<>();
            definitions.forEach(definition -> collected.addAll(definition.replySources()));
            known = Set.copyOf(collected);
            sources = known;
        }
        return known;
    }

    /** The reply types the definitions wait for; asked for every event the service reads, so worked out once. */
    Set<Class<? extends Reply>> replyTypes() {
        Set<Class<? extends Reply>> known = replies;
        if (known == null) {
            Set<Class<? extends Reply>> collected = new java.util.LinkedHashSet<>();
            definitions.forEach(definition -> collected.addAll(definition.replyTypes()));
            known = Set.copyOf(collected);
            replies = known;
        }
        return known;
    }

    /** The definition that runs a job kind; raw, because each family has type arguments of its own. */
    @SuppressWarnings("rawtypes")
    private OperationDefinition definition(String jobKind) {
        OperationDefinition<?, ?, ?> definition = definitions().get(jobKind);
        if (definition == null) {
            throw new IllegalStateException("No operation definition runs jobs of kind " + jobKind);
        }
        return definition;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
