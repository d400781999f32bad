package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact: a clone of a snapshot exists as a new writable volume (answer to {@link CloneRequested}).
 *
 * @param requestId the request this answers
 * @param volume the new volume; {@code originSnapshot} names the snapshot it was cloned from
 */
@EventType(value = "CloneCreated", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloneCreated(String requestId, VolumeView volume) implements Reply {

    @Override
    public String subject() {
        return volume.id();
    }
}
