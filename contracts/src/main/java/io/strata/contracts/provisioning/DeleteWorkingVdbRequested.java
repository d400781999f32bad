package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the provisioning service, from the owner of a working virtual database: delete it (engine stopped,
 * its files removed, its clone given back), whatever state it is in; asked while an operation runs on it, it is
 * deleted when that ends. Not answered: {@link VdbDeleted} tells it is gone. A working virtual database the service
 * never made (its request was refused) is nothing to delete.
 *
 * @param requestId the requester's id for this request
 * @param vdbId the working virtual database
 */
@EventType(value = "DeleteWorkingVdbRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteWorkingVdbRequested(String requestId, String vdbId) implements Event {

    @Override
    public String subject() {
        return vdbId;
    }
}
