package io.strata.common.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;

/**
 * An {@link EventHandler} for several payload types, each read as its record class and handed to its own method: a
 * subclass lists its routes in its constructor with {@link #on}, so the handler reads as a table of what it reacts
 * to. For one payload type, {@link TypedEventHandler} is simpler.
 */
public abstract class EventRoutes implements EventHandler {

    private final Set<String> sources;
    private final List<Route<?>> routes = new ArrayList<>();

    @Inject
    EventCodec codec;

    protected EventRoutes(Set<String> sources) {
        this.sources = Set.copyOf(sources);
    }

    /** Routes events of one payload type to {@code handler}. */
    protected final <T extends Event> void on(Class<T> payloadClass, Consumer<T> handler) {
        routes.add(new Route<>(payloadClass, handler, false));
    }

    /**
     * Routes events of one payload type to {@code handler}, as events the consumer may apply alongside others of
     * other subjects (see {@link EventHandler#independent}).
     */
    protected final <T extends Event> void onIndependent(Class<T> payloadClass, Consumer<T> handler) {
        routes.add(new Route<>(payloadClass, handler, true));
    }

    @Override
    public Set<String> sources() {
        return sources;
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return route(envelope) != null;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        route(envelope).apply(codec, envelope);
    }

    @Override
    public boolean independent(EventEnvelope envelope) {
        Route<?> route = route(envelope);
        return route != null && route.independent();
    }

    private Route<?> route(EventEnvelope envelope) {
        for (Route<?> route : routes) {
            if (envelope.is(route.payloadClass())) {
                return route;
            }
        }
        return null;
    }

    private record Route<T extends Event>(Class<T> payloadClass, Consumer<T> handler, boolean independent) {

        void apply(EventCodec codec, EventEnvelope envelope) {
            handler.accept(codec.payload(envelope, payloadClass));
        }
    }
}
