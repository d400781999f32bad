package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact, answering {@link WorkingVdbRequested}: the working virtual database accepts connections.
 *
 * @param requestId the request this answers
 * @param vdb the working virtual database: where to connect, as which user (its password is in the secret store
 *        under its id)
 */
@EventType(value = "WorkingVdbReady", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkingVdbReady(String requestId, VdbView vdb) implements Reply {

    @Override
    public String subject() {
        return vdb.id();
    }
}
