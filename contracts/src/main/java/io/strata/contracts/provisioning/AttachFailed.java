package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Refusal;

/**
 * A fact: a volume could not be attached; nothing of the attempt is left (no export, no mount).
 *
 * @param requestId the request this answers
 * @param volumeId the volume
 * @param reason what went wrong and what to do
 */
@EventType(value = "AttachFailed", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttachFailed(String requestId, String volumeId, String reason) implements Refusal {

    @Override
    public String subject() {
        return volumeId;
    }
}
