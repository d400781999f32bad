package io.strata.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one envelope every Strata event travels in. Serialized as JSON; the Kafka record key is {@link #subject()} so
 * that one aggregate's events stay in one partition, in order.
 *
 * @param id unique per event; consumers deduplicate on it
 * @param type the payload's {@link EventType#value()}
 * @param version the payload's {@link EventType#version()}
 * @param source the producing service, e.g. {@code snapshot}
 * @param subject the aggregate id (a volume, a source, a job...)
 * @param time when the producer committed the event
 * @param correlationId shared by every event of one user request or job, end to end
 * @param causationId the id of the event that caused this one, or {@code null} for a user request
 * @param data the payload record as JSON
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(UUID id, String type, int version, String source, String subject, Instant time,
        String correlationId, String causationId, JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
    }

    /** Whether this envelope carries the given payload class (same type name). */
    public boolean is(Class<? extends Event> payloadClass) {
        return Event.typeOf(payloadClass).value().equals(type);
    }
}
