package io.strata.common.operations;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventHandler;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Reply;

/**
 * Hands the replies that this service's operations wait for to the {@link OperationMachine}: the reply types and
 * the services they come from are the ones the operation definitions declare, and each event is read as its record
 * class.
 */
@ApplicationScoped
public class OperationReplies implements EventHandler {

    @Inject
    OperationMachine machine;

    @Inject
    EventCodec codec;

    @Override
    public Set<String> sources() {
        return machine.replySources();
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return replyType(envelope) != null;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        machine.reply(codec.payload(envelope, replyType(envelope)));
    }

    private Class<? extends Reply> replyType(EventEnvelope envelope) {
        return machine.replyTypes().stream().filter(envelope::is).findFirst().orElse(null);
    }
}
