package io.strata.common.testapp;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/** Test reply: the "copier" service answers a copy request. */
@EventType("CopyAnswered")
public record CopyAnswered(String requestId, String answer) implements Reply {

    @Override
    public String subject() {
        return requestId;
    }
}
