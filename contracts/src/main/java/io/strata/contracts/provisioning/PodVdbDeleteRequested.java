package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command from the catalog service: delete a data pod's virtual database (its engine, clone, snapshots and port).
 * Answered by {@link PodVdbDone} (also when it was gone already), or {@link PodVdbFailed}.
 *
 * @param requestId the request the answer names
 * @param vdbId the virtual database
 */
@EventType(value = "PodVdbDeleteRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbDeleteRequested(String requestId, String vdbId) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
