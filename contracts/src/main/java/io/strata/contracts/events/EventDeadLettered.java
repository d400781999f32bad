package io.strata.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Published to a consumer's dead-letter topic ({@link Topics#deadLetter}) when an event could not be applied after
 * every retry, or could not be read at all. The consumer moves on; an operator reads these to fix and replay.
 *
 * @param consumer the consuming service
 * @param originalTopic where the record was read
 * @param partition its partition
 * @param offset its offset
 * @param key its key
 * @param eventId the envelope id, when the record could be read
 * @param eventType the envelope type, when the record could be read
 * @param value the record as text, exactly as read
 * @param error why it was dead-lettered
 * @param attempts how many times applying it was tried
 */
@EventType(value = "EventDeadLettered", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventDeadLettered(String consumer, String originalTopic, int partition, long offset, String key,
        String eventId, String eventType, String value, String error, int attempts) implements Event {

    @Override
    public String subject() {
        return key != null ? key : originalTopic + "-" + partition + "-" + offset;
    }
}
