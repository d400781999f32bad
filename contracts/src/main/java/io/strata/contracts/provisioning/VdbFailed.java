package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a virtual database's engine stopped without being asked to (found by the monitor), or an operation on it
 * failed.
 *
 * @param vdbId the virtual database
 * @param reason what happened, from the engine's log where possible
 */
@EventType(value = "VdbFailed", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VdbFailed(String vdbId, String reason) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
