package io.strata.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;

/**
 * Sends commands as another service would and times the answers: a long-lived producer, and a consumer thread that
 * notes when each request id is answered.
 */
final class EventBus implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, EventEnvelope> answers = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private final String prefix;
    private volatile boolean running = true;

    EventBus(String bootstrap, String prefix, String answeringService) {
        this.prefix = prefix;
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, Topics.events(prefix, answeringService),
                "earliest");
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(5))) {
                        EventEnvelope envelope = codec.decode(record.value());
                        String requestId = envelope.data().path("requestId").asText(null);
                        if (requestId != null) {
                            answers.put(requestId, envelope);
                            CountDownLatch latch = waiting.remove(requestId);
                            if (latch != null) {
                                latch.countDown();
                            }
                        }
                    }
                }
            }
        }, "bench-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A consumer of {@code topic} in a group of its own, from its {@code offsetReset} end. */
    static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic, String offsetReset) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Sends a command as {@code asService}; returns the latch that opens when it is answered. */
    CountDownLatch send(String asService, String requestId, Event command) {
        CountDownLatch latch = new CountDownLatch(1);
        waiting.put(requestId, latch);
        if (answers.containsKey(requestId)) {
            latch.countDown();
        }
        producer.send(new ProducerRecord<>(Topics.events(prefix, asService), command.subject(), codec.encodeToString(
                codec.envelope(asService, command, "bench", null)).getBytes(StandardCharsets.UTF_8)));
        producer.flush();
        return latch;
    }

    /** Sends a command and waits for its answer; returns it, failing on a refusal. */
    EventEnvelope request(String asService, String requestId, Event command) throws InterruptedException {
        CountDownLatch latch = send(asService, requestId, command);
        if (!latch.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no answer to " + requestId);
        }
        EventEnvelope answer = answers.get(requestId);
        if (answer.type().endsWith("Failed")) {
            throw new IllegalStateException("refused: " + answer.data());
        }
        return answer;
    }

    EventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(2));
    }
}
