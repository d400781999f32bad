package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the provisioning service: undo an attachment (unmount, remove the export).
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param volumeId the volume to detach everywhere it is attached
 */
@EventType(value = "DetachRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DetachRequested(String requestId, String volumeId) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
