package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Refusal;

/**
 * A fact, answering {@link WorkingVdbRequested} or {@link StopWorkingVdbRequested}: it could not be done. After a
 * failed request nothing of the attempt runs (its engine is stopped, its clone given back); the owner still deletes
 * the working virtual database ({@link DeleteWorkingVdbRequested}) to forget it.
 *
 * @param requestId the request this answers
 * @param vdbId the working virtual database
 * @param reason what went wrong and what to do
 */
@EventType(value = "WorkingVdbFailed", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkingVdbFailed(String requestId, String vdbId, String reason) implements Refusal {

    @Override
    public String subject() {
        return vdbId;
    }
}
