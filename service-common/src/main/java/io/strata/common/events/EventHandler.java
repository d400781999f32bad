package io.strata.common.events;

import java.util.Set;

import io.strata.contracts.events.EventEnvelope;

/**
 * Applies events of other services (or of this one) to this service's state. Implement it as an
 * {@code @ApplicationScoped} bean; the {@link EventConsumer} finds every handler, subscribes to the topics of their
 * {@link #sources()}, and calls {@link #apply} inside the transaction that also records the event as processed, so
 * an event is applied exactly once in effect however often Kafka delivers it. Throw to have it retried; after
 * {@code strata.events.consumer.max-attempts} it goes to the dead-letter topic.
 */
public interface EventHandler {

    /** The producing services ({@code snapshot}, ...) whose topics this handler reads. */
    Set<String> sources();

    /** Whether this handler wants the event. Must not touch the database. */
    boolean accepts(EventEnvelope envelope);

    /** Applies the event, in a transaction; the correlation of the event is set on the thread. */
    void apply(EventEnvelope envelope);

    /**
     * Whether the event may be applied alongside others: with {@code strata.events.consumer.parallelism} above 1,
     * the consumer applies such events of different record keys at once, those of one key one after the other, and
     * holds back every other event until they are done. Say so only of an event whose effect no event of another
     * subject waits for or changes. Must not touch the database.
     */
    default boolean independent(EventEnvelope envelope) {
        return false;
    }
}
