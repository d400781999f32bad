package io.strata.contracts.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns payload records into envelopes and envelopes into bytes, and back. One instance is thread-safe; all services
 * use this codec so that the wire format is defined in exactly one place.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Wraps a payload in a new envelope (fresh id, current time). */
    public EventEnvelope envelope(String source, Event payload, String correlationId, String causationId) {
        EventType type = Event.typeOf(payload.getClass());
        return new EventEnvelope(UUID.randomUUID(), type.value(), type.version(), source, payload.subject(),
                Instant.now(), correlationId, causationId, mapper.valueToTree(payload));
    }

    /** The envelope as JSON bytes. */
    public byte[] encode(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope as a JSON string. */
    public String encodeToString(EventEnvelope envelope) {
        return new String(encode(envelope), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads an envelope; throws {@link MalformedEventException} when the bytes are not a valid envelope, so that a
     * consumer can dead-letter the record instead of retrying it forever.
     */
    public EventEnvelope decode(byte[] bytes) {
        try {
            EventEnvelope envelope = mapper.readValue(bytes, EventEnvelope.class);
            if (envelope == null) {
                throw new MalformedEventException("empty record");
            }
            return envelope;
        } catch (IOException | NullPointerException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    /**
     * The envelope's payload as the given record, checking the type name and refusing versions newer than the
     * record's.
     */
    public <T extends Event> T payload(EventEnvelope envelope, Class<T> payloadClass) {
        EventType type = Event.typeOf(payloadClass);
        if (!type.value().equals(envelope.type())) {
            throw new MalformedEventException(
                    "expected event type " + type.value() + " but the envelope carries " + envelope.type());
        }
        if (envelope.version() > type.version()) {
            throw new MalformedEventException("event " + envelope.type() + " has version " + envelope.version()
                    + ", this service knows up to " + type.version() + "; upgrade the consumer");
        }
        try {
            return mapper.treeToValue(envelope.data(), payloadClass);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("payload of " + envelope.type() + " is invalid: " + e.getMessage());
        }
    }

    /** The shared mapper, for DTOs that travel next to events. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Raised when bytes or a payload cannot be read; such records are dead-lettered, never retried. */
    public static final class MalformedEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message);
        }
    }
}
