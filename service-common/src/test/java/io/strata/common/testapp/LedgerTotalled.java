package io.strata.common.testapp;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/** Test event: write down an account's total so far, as a ledger entry of the account {@code total:<account>}. */
@EventType("LedgerTotalled")
public record LedgerTotalled(String account) implements Event {

    @Override
    public String subject() {
        return account;
    }
}
