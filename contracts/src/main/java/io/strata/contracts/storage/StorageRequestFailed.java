package io.strata.contracts.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Refusal;

/**
 * A fact: the snapshot service could not do what a command asked. {@code status} says what kind of failure it is,
 * in HTTP terms, so a requester can pass it on: 400 bad request, 404 unknown volume or snapshot, 409 conflict (a
 * snapshot still in use), 507 the pool is too full; 500 anything else.
 *
 * @param requestId the request this answers
 * @param operation the command's event type, e.g. {@code CloneRequested}
 * @param target the volume or snapshot id the command named
 * @param status the failure kind, in HTTP terms
 * @param reason what went wrong and what to do about it
 */
@EventType(value = "StorageRequestFailed", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageRequestFailed(String requestId, String operation, String target, int status,
        String reason) implements Refusal {

    @Override
    public String subject() {
        return target;
    }
}
