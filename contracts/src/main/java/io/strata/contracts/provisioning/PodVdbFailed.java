package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Refusal;

/**
 * A fact, answering a data pod's command: it could not be done. Nothing of the attempt is left running; a virtual
 * database that was being moved runs on the data it had.
 *
 * @param requestId the request this answers
 * @param vdbId the virtual database
 * @param reason what went wrong and what to do
 */
@EventType(value = "PodVdbFailed", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodVdbFailed(String requestId, String vdbId, String reason) implements Refusal {

    @Override
    public String subject() {
        return vdbId;
    }
}
