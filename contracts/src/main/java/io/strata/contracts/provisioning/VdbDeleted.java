package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a virtual database is gone (engine stopped, clone detached and given back).
 *
 * @param vdbId the virtual database
 * @param name its name
 */
@EventType(value = "VdbDeleted", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VdbDeleted(String vdbId, String name) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
