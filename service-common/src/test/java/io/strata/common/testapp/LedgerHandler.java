package io.strata.common.testapp;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.common.events.TypedEventHandler;
import io.strata.contracts.events.EventEnvelope;

/**
 * Test handler: applies LedgerEntryAdded from the "ledger" service, failing on poison ones. Entries are independent:
 * those of different accounts may be applied side by side.
 */
@ApplicationScoped
public class LedgerHandler extends TypedEventHandler<LedgerEntryAdded> {

    public static final String SOURCE = "ledger";

    public LedgerHandler() {
        super(LedgerEntryAdded.class, Set.of(SOURCE));
    }

    @Override
    public boolean independent(EventEnvelope envelope) {
        return true;
    }

    @Override
    protected void handle(LedgerEntryAdded event, EventEnvelope envelope) {
        LedgerEntry entry = new LedgerEntry();
        entry.eventId = envelope.id();
        entry.account = event.account();
        entry.amount = event.amount();
        entry.persist();
        if (event.poison()) {
            throw new IllegalStateException("poison entry for " + event.account());
        }
    }
}
