package io.strata.common.testapp;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.common.events.TypedEventHandler;
import io.strata.contracts.events.EventEnvelope;

/**
 * Test handler: writes an account's total when asked (LedgerTotalled). Not independent, so it must see every entry
 * that came before it.
 */
@ApplicationScoped
public class LedgerTotalHandler extends TypedEventHandler<LedgerTotalled> {

    public LedgerTotalHandler() {
        super(LedgerTotalled.class, Set.of(LedgerHandler.SOURCE));
    }

    @Override
    protected void handle(LedgerTotalled event, EventEnvelope envelope) {
        LedgerEntry total = new LedgerEntry();
        total.eventId = envelope.id();
        total.account = "total:" + event.account();
        total.amount = LedgerEntry.<LedgerEntry>list("account", event.account()).stream()
                .mapToInt(entry -> entry.amount).sum();
        total.persist();
    }
}
