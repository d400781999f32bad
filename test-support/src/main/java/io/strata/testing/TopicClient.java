package io.strata.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;

/** Reads and writes raw records on a real broker: a test observes topics with it, or acts as another service. */
public final class TopicClient implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    private final EventCodec codec = new EventCodec();

    /** Reads {@code topic} from its beginning with a throw-away consumer group. */
    public TopicClient(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until a record matching {@code predicate} arrives or {@code timeout} passes; every record is kept. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<List<ConsumerRecord<String, byte[]>>> done,
            Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(seen) && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        if (!done.test(seen)) {
            throw new AssertionError("expected records did not arrive within " + timeout + "; saw " + seen.size());
        }
        return List.copyOf(seen);
    }

    /** Polls until an envelope matching {@code predicate} arrives; returns it. */
    public EventEnvelope awaitEnvelope(Predicate<EventEnvelope> predicate, Duration timeout) {
        awaitRecords(records -> envelopes(records).stream().anyMatch(predicate), timeout);
        return envelopes(seen).stream().filter(predicate).findFirst().orElseThrow();
    }

    /** Every record read so far, decoded. */
    public List<EventEnvelope> envelopes(List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                envelopes.add(codec.decode(record.value()));
            } catch (EventCodec.MalformedEventException e) {
                // Not an envelope; the caller looks at raw records for those.
            }
        }
        return envelopes;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    /** Sends raw records and waits for the broker to acknowledge each. */
    public static void send(String bootstrapServers, String topic, String key, String... values) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e.getMessage(), e);
        }
    }
}
