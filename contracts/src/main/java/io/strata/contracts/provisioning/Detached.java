package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a volume is attached nowhere any more.
 *
 * @param requestId the request this answers
 * @param volumeId the volume
 */
@EventType(value = "Detached", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Detached(String requestId, String volumeId) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
