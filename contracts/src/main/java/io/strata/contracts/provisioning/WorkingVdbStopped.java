package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact, answering {@link StopWorkingVdbRequested}: the working virtual database's engine stopped cleanly; its clone
 * can be snapshotted.
 *
 * @param requestId the request this answers
 * @param vdbId the working virtual database
 */
@EventType(value = "WorkingVdbStopped", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkingVdbStopped(String requestId, String vdbId) implements Reply {

    @Override
    public String subject() {
        return vdbId;
    }
}
