package io.strata.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact from the ingest service: an environment was deleted.
 *
 * @param environmentId its id
 */
@EventType(value = "EnvironmentRemoved", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentRemoved(String environmentId) implements Event {

    @Override
    public String subject() {
        return environmentId;
    }
}
