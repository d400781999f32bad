package io.strata.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.strata.contracts.events.EventEnvelope;

/**
 * The processed-event table: one row per applied (or dead-lettered) event id, written in the same transaction as the
 * handler's effects. Inserting the row first and finding it already there is how a redelivered event is recognised.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** What became of an event. */
    public enum Outcome {
        APPLIED, DEAD_LETTERED
    }

    @Inject
    EntityManager entityManager;

    /**
     * Records the event as processed; returns {@code false} when it had been processed before (a duplicate
     * delivery), in which case the caller must not apply it again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(EventEnvelope envelope, ConsumerRecord<?, ?> record, Outcome outcome, String error) {
        int inserted = entityManager.createNativeQuery("""
                insert into processed_event (event_id, event_type, source, outcome, error, topic, partition_no,
                    record_offset, processed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now())
                on conflict (event_id) do nothing""")
                .setParameter(1, envelope.id())
                .setParameter(2, envelope.type())
                .setParameter(3, envelope.source())
                .setParameter(4, outcome.name())
                .setParameter(5, error)
                .setParameter(6, record.topic())
                .setParameter(7, record.partition())
                .setParameter(8, record.offset())
                .executeUpdate();
        return inserted == 1;
    }

    /** Deletes rows older than the given number of days; a redelivery after that long is not expected. */
    @Transactional
    public int deleteOlderThanDays(int days) {
        return entityManager
                .createNativeQuery("delete from processed_event where processed_at < now() - make_interval(days => ?1)")
                .setParameter(1, days).executeUpdate();
    }
}
