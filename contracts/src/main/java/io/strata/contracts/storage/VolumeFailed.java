package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a volume that was READY is missing or broken on the pool (found by the reconcile pass after a crash).
 *
 * @param volumeId the volume
 * @param dataset its dataset
 * @param reason what was found
 */
@EventType(value = "VolumeFailed", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeFailed(String volumeId, String dataset, String reason) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
