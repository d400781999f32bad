package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a virtual database accepts connections (after provisioning, refresh, rewind or start).
 *
 * @param vdb the virtual database
 * @param operation what made it ready: provision, refresh, rewind or start
 */
@EventType(value = "VdbReady", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VdbReady(VdbView vdb, String operation) implements Event {

    @Override
    public String subject() {
        return vdb.id();
    }
}
