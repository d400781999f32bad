package io.strata.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.common.testapp.LedgerEntry;
import io.strata.common.testapp.LedgerEntryAdded;
import io.strata.common.testapp.LedgerHandler;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventDeadLettered;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/** Duplicates change nothing; a poison event goes to the dead-letter topic and does not block its partition. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class IdempotentConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private String ledgerTopic() {
        return Topics.events(StrataTestEnvironment.topicPrefix(), LedgerHandler.SOURCE);
    }

    private String bootstrap() {
        return StrataTestEnvironment.kafka().bootstrapServers();
    }

    private EventEnvelope entry(String account, int amount, boolean poison) {
        return codec.envelope(LedgerHandler.SOURCE, new LedgerEntryAdded(account, amount, poison), "corr", null);
    }

    private static long rowsFor(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("eventId", eventId));
    }

    @Test
    void aDuplicateDeliveryIsAppliedOnce() {
        String account = "acct-" + UUID.randomUUID();
        EventEnvelope first = entry(account, 10, false);
        EventEnvelope later = entry(account, 5, false);

        // Same key, same partition: once `later` is applied, both copies of `first` have been processed.
        TopicClient.send(bootstrap(), ledgerTopic(), account, codec.encodeToString(first),
                codec.encodeToString(first), codec.encodeToString(later));

        await().atMost(PATIENCE).until(() -> rowsFor(later.id()) == 1);
        assertThat(rowsFor(first.id())).isEqualTo(1);
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheEventsBehindItAreApplied() {
        String account = "acct-" + UUID.randomUUID();
        EventEnvelope poison = entry(account, 99, true);
        EventEnvelope behind = entry(account, 1, false);

        TopicClient.send(bootstrap(), ledgerTopic(), account, "this is not an event", codec.encodeToString(poison),
                codec.encodeToString(behind));

        await().atMost(PATIENCE).until(() -> rowsFor(behind.id()) == 1);
        assertThat(rowsFor(poison.id())).as("every failed attempt was rolled back").isZero();

        String deadLetters = Topics.deadLetter(StrataTestEnvironment.topicPrefix(), "backbone");
        try (TopicClient reader = new TopicClient(bootstrap(), deadLetters)) {
            List<ConsumerRecord<String, byte[]>> records = reader.awaitRecords(
                    seen -> reader.envelopes(seen).stream().map(e -> codec.payload(e, EventDeadLettered.class))
                            .filter(letter -> account.equals(letter.key())).count() == 2,
                    PATIENCE);
            List<EventDeadLettered> letters = reader.envelopes(records).stream()
                    .map(e -> codec.payload(e, EventDeadLettered.class)).filter(l -> account.equals(l.key()))
                    .toList();

            assertThat(letters).anySatisfy(letter -> {
                assertThat(letter.value()).isEqualTo("this is not an event");
                assertThat(letter.error()).startsWith("unreadable record");
                assertThat(letter.originalTopic()).isEqualTo(ledgerTopic());
            });
            assertThat(letters).anySatisfy(letter -> {
                assertThat(letter.eventId()).isEqualTo(poison.id().toString());
                assertThat(letter.attempts()).isEqualTo(3);
                assertThat(letter.error()).contains("poison entry for " + account);
            });
        }
    }
}
