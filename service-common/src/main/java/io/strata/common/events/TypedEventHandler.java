package io.strata.common.events;

import java.util.Set;

import jakarta.inject.Inject;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;

/**
 * An {@link EventHandler} for one payload type: reads the payload record and hands it over with its envelope.
 *
 * @param <T> the event record
 */
public abstract class TypedEventHandler<T extends Event> implements EventHandler {

    private final Class<T> payloadClass;
    private final Set<String> sources;

    @Inject
    EventCodec codec;

    protected TypedEventHandler(Class<T> payloadClass, Set<String> sources) {
        this.payloadClass = payloadClass;
        this.sources = Set.copyOf(sources);
    }

    @Override
    public Set<String> sources() {
        return sources;
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return envelope.is(payloadClass);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        handle(codec.payload(envelope, payloadClass), envelope);
    }

    /** Applies one event. */
    protected abstract void handle(T payload, EventEnvelope envelope);
}
