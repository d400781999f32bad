package io.strata.common.events;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.strata.common.config.StrataServiceConfig;
import io.strata.common.tx.AfterCommit;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;

/**
 * Publishes events the only safe way: as outbox rows in the caller's transaction. Either the state change and its
 * events commit together or neither does; the {@link OutboxRelay} delivers them after commit (and after any broker
 * outage). There is deliberately no way to send to Kafka directly from business code.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Object WAKE_KEY = new Object();

    @Inject
    StrataServiceConfig config;

    @Inject
    EventCodec codec;

    @Inject
    OutboxRelay relay;

    @Inject
    AfterCommit afterCommit;

    /** Publishes a fact or command of this service on its own topic, keyed by the payload's subject. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(Event payload) {
        return publishTo(Topics.events(config.events().topicPrefix(), config.service().name()), payload);
    }

    /** Publishes on a given topic (the dead-letter topic, for one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publishTo(String topic, Event payload) {
        Correlation.Ids ids = Correlation.current();
        EventEnvelope envelope = codec.envelope(config.service().name(), payload, ids.correlationId(),
                ids.causationId());
        OutboxRecord record = new OutboxRecord();
        record.eventId = envelope.id();
        record.topic = topic;
        record.recordKey = envelope.subject();
        record.eventType = envelope.type();
        record.payload = codec.encodeToString(envelope);
        record.createdAt = Instant.now();
        record.persist();
        wakeRelayAfterCommit();
        return envelope;
    }

    private void wakeRelayAfterCommit() {
        afterCommit.runOnce(WAKE_KEY, relay::wakeUp);
    }
}
