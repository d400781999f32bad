package io.strata.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.common.testapp.LedgerEntry;
import io.strata.common.testapp.LedgerEntryAdded;
import io.strata.common.testapp.LedgerHandler;
import io.strata.common.testapp.LedgerTotalled;
import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/**
 * With {@code strata.events.consumer.parallelism} 4 (the test application's), ledger entries, which are independent
 * events, are applied side by side: each account's in the order sent, every one once, and an event that is not
 * independent sees every entry sent before it.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class ParallelConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private void send(String account, List<Event> events) {
        String[] values = events.stream()
                .map(event -> codec.encodeToString(codec.envelope(LedgerHandler.SOURCE, event, "corr", null)))
                .toArray(String[]::new);
        TopicClient.send(StrataTestEnvironment.kafka().bootstrapServers(),
                Topics.events(StrataTestEnvironment.topicPrefix(), LedgerHandler.SOURCE), account, values);
    }

    private static List<Event> entries(String account, int count) {
        return new ArrayList<>(IntStream.rangeClosed(1, count)
                .mapToObj(amount -> (Event) new LedgerEntryAdded(account, amount, false)).toList());
    }

    private static List<Integer> amountsInOrderApplied(String account) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.<LedgerEntry>list("account = ?1 order by id",
                account).stream().map(entry -> entry.amount).toList());
    }

    @Test
    void eachAccountsEntriesAreAppliedOnceInTheOrderSent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> accounts = IntStream.range(0, 6).mapToObj(i -> "acct-" + run + "-" + i).toList();
        for (String account : accounts) {
            send(account, entries(account, 15));
        }

        List<Integer> expected = IntStream.rangeClosed(1, 15).boxed().toList();
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String account : accounts) {
                assertThat(amountsInOrderApplied(account)).as(account).isEqualTo(expected);
            }
        });
    }

    @Test
    void anEventThatIsNotIndependentSeesTheEntriesBeforeIt() {
        String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        List<Event> events = entries(account, 20);
        events.add(new LedgerTotalled(account));
        send(account, events);

        await().atMost(PATIENCE).until(() -> !amountsInOrderApplied("total:" + account).isEmpty());
        assertThat(amountsInOrderApplied("total:" + account)).containsExactly(IntStream.rangeClosed(1, 20).sum());
    }
}
