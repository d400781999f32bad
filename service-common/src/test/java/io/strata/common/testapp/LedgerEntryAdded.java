package io.strata.common.testapp;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/** Test event: money added to an account. {@code poison} makes the handler fail every time. */
@EventType("LedgerEntryAdded")
public record LedgerEntryAdded(String account, int amount, boolean poison) implements Event {

    @Override
    public String subject() {
        return account;
    }
}
