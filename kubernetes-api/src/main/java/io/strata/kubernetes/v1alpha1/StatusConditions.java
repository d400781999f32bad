package io.strata.kubernetes.v1alpha1;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Builds a status's conditions in one place: each set condition carries the spec's generation, and keeps its
 * {@code lastTransitionTime} unless its status changes, so that a reconcile which finds nothing new writes an equal
 * status and the reconciler can skip the patch.
 */
public final class StatusConditions {

    private final List<Condition> previous;
    private final List<Condition> conditions;
    private final long generation;
    private final Clock clock;

    private StatusConditions(List<Condition> previous, long generation, Clock clock) {
        this.previous = previous == null ? List.of() : List.copyOf(previous);
        this.conditions = new ArrayList<>(this.previous);
        this.generation = generation;
        this.clock = clock;
    }

    /** Starts from the conditions a status has now, for a spec of this generation. */
    public static StatusConditions from(StrataStatus status, Long generation) {
        return from(status, generation, Clock.systemUTC());
    }

    static StatusConditions from(StrataStatus status, Long generation, Clock clock) {
        return new StatusConditions(status == null ? null : status.getConditions(),
                generation == null ? 0 : generation, clock);
    }

    /** Sets a condition true. */
    public StatusConditions isTrue(String type, String reason, String message) {
        return set(type, "True", reason, message);
    }

    /** Sets a condition false. */
    public StatusConditions isFalse(String type, String reason, String message) {
        return set(type, "False", reason, message);
    }

    /** Sets a condition unknown: what it describes is under way. */
    public StatusConditions isUnknown(String type, String reason, String message) {
        return set(type, "Unknown", reason, message);
    }

    private StatusConditions set(String type, String status, String reason, String message) {
        Condition before = find(previous, type);
        String transition = before != null && status.equals(before.getStatus()) && before
                .getLastTransitionTime() != null ? before.getLastTransitionTime() : now();
        Condition condition = new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(transition).build();
        conditions.removeIf(existing -> type.equals(existing.getType()));
        conditions.add(condition);
        return this;
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Writes the conditions and the observed generation into a status; whether anything changed. */
    public boolean applyTo(StrataStatus status) {
        boolean changed = !conditions.equals(previous) || !Objects.equals(status.getObservedGeneration(),
                generation);
        status.setConditions(new ArrayList<>(conditions));
        status.setObservedGeneration(generation);
        return changed;
    }

    /** The condition of a type in a status, or {@code null}. */
    public static Condition find(List<Condition> conditions, String type) {
        return conditions == null
                ? null
                : conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst()
                        .orElse(null);
    }

    /** Whether a status's condition of this type is true. */
    public static boolean isTrue(StrataStatus status, String type) {
        Condition condition = status == null ? null : find(status.getConditions(), type);
        return condition != null && "True".equals(condition.getStatus());
    }
}
