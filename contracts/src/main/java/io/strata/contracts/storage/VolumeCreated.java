package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact: a volume exists and can be written (answer to {@link CreateVolumeRequested}).
 *
 * @param requestId the request this answers
 * @param volume the new volume
 */
@EventType(value = "VolumeCreated", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeCreated(String requestId, VolumeView volume) implements Reply {

    @Override
    public String subject() {
        return volume.id();
    }
}
