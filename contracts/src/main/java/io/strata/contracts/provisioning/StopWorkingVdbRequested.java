package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the provisioning service, from the owner of a working virtual database: stop its engine cleanly (a
 * shutdown checkpoint), so that a snapshot of its clone starts without recovery. Answered with
 * {@link WorkingVdbStopped} or {@link WorkingVdbFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param vdbId the working virtual database
 */
@EventType(value = "StopWorkingVdbRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StopWorkingVdbRequested(String requestId, String vdbId) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
