package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a user's virtual database was stopped cleanly; it keeps its data and its port, and {@link VdbReady} follows
 * when it is started again.
 *
 * @param vdbId the virtual database
 * @param name its name
 */
@EventType(value = "VdbStopped", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VdbStopped(String vdbId, String name) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
