package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a volume is gone (answer to {@link DeleteVolumeRequested}).
 *
 * @param requestId the request this answers, or {@code null}
 * @param volumeId the deleted volume
 * @param dataset its dataset
 */
@EventType(value = "VolumeDeleted", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeDeleted(String requestId, String volumeId, String dataset) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
