package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command from the catalog service: stop a data pod's virtual database's engine cleanly (it keeps its data and its
 * port), or start it again. Answered by {@link PodVdbDone} (at once when it is already so), or {@link PodVdbFailed}.
 *
 * @param requestId the request the answer names
 * @param vdbId the virtual database
 * @param running {@code true} to start it, {@code false} to stop it
 */
@EventType(value = "PodVdbPowerRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbPowerRequested(String requestId, String vdbId, boolean running) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
