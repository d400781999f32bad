package io.strata.common.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.Errors;
import io.strata.common.schema.SchemaReady;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventDeadLettered;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;

/**
 * Reads the topics the service's {@link EventHandler}s need and applies each event exactly once in effect: the
 * handlers' changes and the processed-event row commit together, and the Kafka offset is committed only afterwards,
 * so a crash in between redelivers an event that is then recognised and skipped. A failing event is retried with
 * backoff; after the last attempt (or at once, for a record that cannot be read) it is written to the service's
 * dead-letter topic through the outbox, and the partition moves on. Records are applied one at a time, in partition
 * order, except events a handler calls {@linkplain EventHandler#independent independent}: with
 * {@code strata.events.consumer.parallelism} above 1 those run side by side on {@link KeyLanes}, one lane per record
 * key, and any other event waits until they are done. Offsets are then committed only up to the first record not yet
 * applied ({@link AppliedOffsets}).
 */
@ApplicationScoped
public class EventConsumer {

    private static final int PROCESSED_RETENTION_DAYS = 14;

    /** Records one poll returns at most; also how many may be handed to the lanes and not yet applied. */
    private static final int MAX_POLL_RECORDS = 100;

    @Inject
    StrataServiceConfig config;

    @Inject
    @Any
    Instance<EventHandler> handlers;

    @Inject
    ProcessedEvents processed;

    @Inject
    EventPublisher publisher;

    @Inject
    EventCodec codec;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final AppliedOffsets offsets = new AppliedOffsets();
    private KeyLanes lanes;
    private Instant lastCommit = Instant.now();

    void onSchemaReady(@Observes SchemaReady ready) {
        List<String> topics = topics();
        synchronized (this) {
            if (running || topics.isEmpty()) {
                return;
            }
            running = true;
        }
        processed.deleteOlderThanDays(PROCESSED_RETENTION_DAYS);
        thread = new Thread(() -> loop(topics), "event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** The topics this service reads, from its handlers' sources. */
    public List<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (EventHandler handler : handlers) {
            for (String source : handler.sources()) {
                topics.add(Topics.events(config.events().topicPrefix(), source));
            }
        }
        return List.copyOf(topics);
    }

    /** The consumer group id. */
    public String groupId() {
        return config.events().consumer().group()
                .orElse(config.events().topicPrefix() + "-" + config.service().name());
    }

    private void loop(List<String> topics) {
        int parallelism = config.events().consumer().parallelism();
        lanes = parallelism > 1 ? new KeyLanes(parallelism, MAX_POLL_RECORDS) : null;
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(topics, rebalanceListener(kafka));
            Log.infof("Consuming %s as group %s (%d at once)", topics, groupId(), parallelism);
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(config.events().consumer().pollTimeout());
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!running) {
                        break;
                    }
                    hand(record);
                }
                if (lanes != null) {
                    lanes.rethrowFailure();
                }
                Duration interval = config.events().consumer().commitInterval();
                if (interval.isZero() || Instant.now().isAfter(lastCommit.plus(interval))) {
                    commit(kafka);
                }
            }
            awaitLanes();
            commit(kafka);
        } catch (WakeupException e) {
            Log.debug("Event consumer woken up for shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.errorf(e, "Event consumer stopped: %s", e.getMessage());
        } finally {
            consumer = null;
            if (lanes != null) {
                lanes.close();
            }
        }
    }

    private ConsumerRebalanceListener rebalanceListener(KafkaConsumer<String, byte[]> kafka) {
        return new ConsumerRebalanceListener() {

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                try {
                    awaitLanes();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                commit(kafka);
                offsets.forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                Log.debugf("Consuming %s", partitions);
            }
        };
    }

    /**
     * Applies a record, or hands it to its key's lane when it is independent; anything else waits for the lanes
     * first, so that it sees what the records before it did. A record no handler wants changes nothing and waits for
     * nothing.
     */
    private void hand(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        offsets.started(partition, record.offset());
        Delivery delivery = delivery(record);
        if (delivery.wanted() && delivery.independent() && lanes != null && record.key() != null) {
            lanes.submit(record.key(), () -> {
                process(record, delivery);
                offsets.finished(partition, record.offset());
            });
            return;
        }
        if (delivery.wanted()) {
            awaitLanes();
            process(record, delivery);
        }
        offsets.finished(partition, record.offset());
    }

    /** Waits until the lanes are idle; throws, to stop the consumer, if a lane's work failed. */
    private void awaitLanes() throws InterruptedException {
        if (lanes != null) {
            lanes.awaitIdle();
            lanes.rethrowFailure();
        }
    }

    private void commit(KafkaConsumer<String, byte[]> kafka) {
        Map<TopicPartition, OffsetAndMetadata> due = offsets.due();
        if (due.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(due);
            offsets.committed(due);
            lastCommit = Instant.now();
        } catch (RuntimeException e) {
            // The events are applied already; a later commit or a redelivery (then skipped as duplicate) settles it.
            Log.warnf("Could not commit consumed offsets: %s", e.getMessage());
        }
    }

    /** A record as read: its envelope and the handlers that want it, or why it cannot be read. */
    private record Delivery(EventEnvelope envelope, List<EventHandler> interested, String unreadable) {

        /** Whether anything is to be done: apply it, or dead-letter it. */
        boolean wanted() {
            return unreadable != null || !interested.isEmpty();
        }

        boolean independent() {
            return envelope != null && interested.stream().allMatch(handler -> handler.independent(envelope));
        }
    }

    private Delivery delivery(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record.value() == null ? new byte[0] : record.value());
        } catch (EventCodec.MalformedEventException e) {
            return new Delivery(null, List.of(), "unreadable record: " + e.getMessage());
        }
        List<EventHandler> interested = new ArrayList<>();
        for (EventHandler handler : handlers) {
            if (handler.sources().contains(envelope.source()) && handler.accepts(envelope)) {
                interested.add(handler);
            }
        }
        return new Delivery(envelope, interested, null);
    }

    private void process(ConsumerRecord<String, byte[]> record, Delivery delivery) throws InterruptedException {
        if (delivery.unreadable() != null) {
            deadLetter(record, null, delivery.unreadable(), 0);
            return;
        }
        EventEnvelope envelope = delivery.envelope();
        List<EventHandler> interested = delivery.interested();
        Duration backoff = config.events().consumer().initialBackoff();
        int attempt = 0;
        while (true) {
            try {
                boolean applied = QuarkusTransaction.requiringNew()
                        .call(() -> applyOnce(envelope, record, interested));
                registry.counter("strata.events.consumed", "outcome", applied ? "applied" : "duplicate").increment();
                if (!applied) {
                    Log.infof("Skipped duplicate delivery of %s %s (applied before; Kafka redelivered it)",
                            envelope.type(), envelope.id());
                }
                return;
            } catch (RuntimeException e) {
                if (!databaseAnswers()) {
                    // Not the event's fault: wait for the database without spending attempts.
                    Thread.sleep(config.events().relay().maxBackoff().toMillis());
                    continue;
                }
                attempt++;
                String error = Errors.rootCause(e).getClass().getSimpleName() + ": " + Errors.rootMessage(e);
                if (attempt >= config.events().consumer().maxAttempts()) {
                    deadLetter(record, envelope, error, attempt);
                    return;
                }
                Log.warnf("Applying %s %s failed (attempt %d of %d), retrying in %d ms: %s", envelope.type(),
                        envelope.id(), attempt, config.events().consumer().maxAttempts(), backoff.toMillis(), error);
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private boolean applyOnce(EventEnvelope envelope, ConsumerRecord<String, byte[]> record,
            List<EventHandler> interested) {
        if (!processed.claim(envelope, record, ProcessedEvents.Outcome.APPLIED, null)) {
            return false;
        }
        Correlation.run(envelope.correlationId(), envelope.id().toString(), () -> {
            for (EventHandler handler : interested) {
                handler.apply(envelope);
            }
        });
        return true;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, String error, int attempts)
            throws InterruptedException {
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        EventDeadLettered letter = new EventDeadLettered(config.service().name(), record.topic(), record.partition(),
                record.offset(), record.key(), envelope != null ? envelope.id().toString() : null,
                envelope != null ? envelope.type() : null, value, error, attempts);
        String topic = Topics.deadLetter(config.events().topicPrefix(), config.service().name());
        while (running) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (envelope != null
                            && !processed.claim(envelope, record, ProcessedEvents.Outcome.DEAD_LETTERED, error)) {
                        return;
                    }
                    publisher.publishTo(topic, letter);
                });
                registry.counter("strata.events.consumed", "outcome", "dead_lettered").increment();
                Log.errorf("Dead-lettered %s at %s-%d@%d to %s after %d attempts: %s",
                        envelope != null ? envelope.type() + " " + envelope.id() : "a record", record.topic(),
                        record.partition(), record.offset(), topic, attempts, error);
                return;
            } catch (RuntimeException e) {
                Log.warnf("Could not write to the dead-letter outbox, retrying: %s", e.getMessage());
                Thread.sleep(config.events().relay().maxBackoff().toMillis());
            }
        }
    }

    private boolean databaseAnswers() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.events().bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
        // Static membership: a restarted instance takes its partitions back at once instead of after a session
        // timeout.
        properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupId() + "-" + instanceName());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.service().name() + "-consumer");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        properties.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return properties;
    }

    private static String instanceName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "local";
            }
        }
        return host;
    }

}
