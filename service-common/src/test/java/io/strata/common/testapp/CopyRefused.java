package io.strata.common.testapp;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Refusal;

/** Test refusal: the "copier" service will not copy. */
@EventType("CopyRefused")
public record CopyRefused(String requestId, String reason) implements Refusal {

    @Override
    public String subject() {
        return requestId;
    }
}
