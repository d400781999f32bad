package io.strata.snapshot;

import java.time.Duration;
import java.util.UUID;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TopicClient;

/**
 * Sends storage commands the way another service would (on its own topic) and waits for the snapshot service's
 * answer, found by request id.
 */
final class StorageCommands implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final TopicClient answers;

    StorageCommands() {
        answers = new TopicClient(StrataTestEnvironment.kafka().bootstrapServers(),
                Topics.events(StrataTestEnvironment.topicPrefix(), Topics.SNAPSHOT));
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Sends a command as the given service. */
    void send(String asService, Event command) {
        StrataTestEnvironment.publish(codec, asService, command);
    }

    /** Sends a command as the ingest service and waits for the answer to {@code requestId}. */
    EventEnvelope request(String requestId, Event command) {
        send(Topics.INGEST, command);
        return awaitAnswer(requestId);
    }

    /** The snapshot service's answer to a request. */
    EventEnvelope awaitAnswer(String requestId) {
        return answers.awaitEnvelope(e -> requestId.equals(e.data().path("requestId").asText(null)), Duration
                .ofSeconds(60));
    }

    <T extends Event> T payload(EventEnvelope envelope, Class<T> type) {
        return codec.payload(envelope, type);
    }

    @Override
    public void close() {
        answers.close();
    }
}
