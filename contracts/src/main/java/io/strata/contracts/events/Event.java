package io.strata.contracts.events;

/**
 * Marker for event payload records. Every implementation carries {@link EventType} and lives in this module, so
 * producer and consumer share one definition.
 */
public interface Event {

    /** The aggregate id this event is about; it becomes the envelope's subject and the Kafka record key. */
    String subject();

    /** The {@link EventType} of a payload class, failing loudly when a record forgot it. */
    static EventType typeOf(Class<? extends Event> payloadClass) {
        EventType type = payloadClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(payloadClass.getName() + " has no @EventType annotation");
        }
        return type;
    }
}
