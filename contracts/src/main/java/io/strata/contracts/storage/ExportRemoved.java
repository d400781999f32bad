package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a volume's NFS export is gone (answer to {@link UnexportRequested}).
 *
 * @param requestId the request this answers
 * @param volumeId the volume
 */
@EventType(value = "ExportRemoved", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportRemoved(String requestId, String volumeId) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
