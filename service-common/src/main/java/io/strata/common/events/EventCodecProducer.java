package io.strata.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.strata.contracts.events.EventCodec;

/** Makes the one {@link EventCodec} injectable. */
@ApplicationScoped
public class EventCodecProducer {

    @Produces
    @ApplicationScoped
    EventCodec codec() {
        return new EventCodec();
    }
}
