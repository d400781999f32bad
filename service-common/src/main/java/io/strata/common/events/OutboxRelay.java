package io.strata.common.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.Errors;
import io.strata.common.health.BrokerMonitor;
import io.strata.common.schema.SchemaReady;

/**
 * Publishes committed outbox rows to Kafka in {@code seq} order and marks them published. It runs as soon as a
 * transaction with events commits (see {@link EventPublisher}) and on a sweep for anything missed. A failed send
 * stops the round: rows before it are marked, the failed row and everything after it are retried with backoff, so
 * nothing is lost and one aggregate's events keep their order. A crash between send and mark re-sends a row;
 * consumers drop the duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Key of the advisory lock that lets only one instance of a service relay at a time. */
    private static final long RELAY_LOCK = 0x5354524154414f42L;
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);

    @Inject
    DataSource dataSource;

    @Inject
    StrataServiceConfig config;

    @Inject
    BrokerMonitor broker;

    @Inject
    MeterRegistry registry;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile long pending;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private Counter published;
    private Instant lastCleanup = Instant.EPOCH;
    private String lastDatabaseProblem;

    void onSchemaReady(@Observes SchemaReady ready) {
        synchronized (this) {
            if (running) {
                return;
            }
            running = true;
        }
        published = registry.counter("strata.events.published");
        registry.gauge("strata.outbox.pending", this, relay -> relay.pending);
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(5000);
        }
    }

    /** Asks for a round now; called after every commit that wrote events. */
    public void wakeUp() {
        wake.release();
    }

    /** Rows not yet published, as of the last round. */
    public long pendingCount() {
        return pending;
    }

    private void loop() {
        Duration backoff = config.events().relay().initialBackoff();
        try {
            while (running) {
                wake.tryAcquire(config.events().relay().sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (!running) {
                    break;
                }
                try {
                    int batch;
                    do {
                        batch = publishBatch();
                    } while (running && batch >= config.events().relay().batchSize());
                    backoff = config.events().relay().initialBackoff();
                    lastDatabaseProblem = null;
                    cleanupIfDue();
                } catch (PublishFailedException e) {
                    broker.reportUnreachable(e.getMessage());
                    Thread.sleep(backoff.toMillis());
                    backoff = min(backoff.multipliedBy(2), config.events().relay().maxBackoff());
                    wake.release();
                } catch (SQLException e) {
                    String problem = e.getMessage();
                    if (!problem.equals(lastDatabaseProblem)) {
                        Log.errorf("Outbox relay cannot read its table: %s. Retrying.", problem);
                        lastDatabaseProblem = problem;
                    }
                    Thread.sleep(config.events().relay().maxBackoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
        }
    }

    /** One round: returns how many rows it published. */
    private int publishBatch() throws SQLException, PublishFailedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Row> rows = pendingRows(connection);
                if (rows.isEmpty()) {
                    pending = 0;
                    connection.commit();
                    return 0;
                }
                List<Long> sent = new ArrayList<>();
                String failure = send(rows, sent);
                markPublished(connection, sent);
                if (failure != null) {
                    recordFailure(connection, rows.get(sent.size()).seq(), failure);
                }
                connection.commit();
                published.increment(sent.size());
                pending = countPending(connection);
                connection.commit();
                if (failure != null) {
                    closeProducer();
                    throw new PublishFailedException(failure);
                }
                broker.reportReachable();
                return sent.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Sends rows in order; fills {@code sent} with the seqs of the contiguous prefix that reached the broker. */
    private String send(List<Row> rows, List<Long> sent) {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        String failure = null;
        try {
            KafkaProducer<String, byte[]> kafka = producer();
            for (Row row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(),
                        row.payload().getBytes(StandardCharsets.UTF_8));
                record.headers().add("strata-type", row.type().getBytes(StandardCharsets.UTF_8));
                futures.add(kafka.send(record));
            }
            kafka.flush();
        } catch (RuntimeException e) {
            failure = Errors.rootMessage(e);
        }
        for (Future<RecordMetadata> future : futures) {
            try {
                future.get(config.events().relay().maxBackoff().toMillis() + 5000, TimeUnit.MILLISECONDS);
                sent.add(rows.get(sent.size()).seq());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (Exception e) {
                return Errors.rootMessage(e);
            }
        }
        return sent.size() == rows.size() ? null : failure != null ? failure : "send did not complete";
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private List<Row> pendingRows(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select seq, topic, record_key, event_type, payload from outbox_event"
                        + " where published_at is null order by seq limit ?")) {
            select.setInt(1, config.events().relay().batchSize());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5)));
                }
            }
        }
        return rows;
    }

    private void markPublished(Connection connection, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection
                .prepareStatement("update outbox_event set published_at = now() where seq = any(?)")) {
            update.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            update.executeUpdate();
        }
    }

    private void recordFailure(Connection connection, long seq, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set attempts = attempts + 1, last_error = ? where seq = ?")) {
            update.setString(1, error);
            update.setLong(2, seq);
            update.executeUpdate();
        }
    }

    private long countPending(Connection connection) throws SQLException {
        try (PreparedStatement count = connection
                .prepareStatement("select count(*) from outbox_event where published_at is null");
                ResultSet result = count.executeQuery()) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    private void cleanupIfDue() throws SQLException {
        if (Instant.now().isBefore(lastCleanup.plus(CLEANUP_INTERVAL))) {
            return;
        }
        lastCleanup = Instant.now();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from outbox_event where published_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, config.events().relay().retention().toSeconds());
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                Log.debugf("Deleted %d published outbox rows", deleted);
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.events().bootstrapServers());
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, config.service().name() + "-outbox");
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            // Fail fast while the broker is away: the outbox keeps the events and the relay retries.
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
            properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000);
            properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                Log.debugf("Closing the outbox producer failed: %s", e.getMessage());
            }
            producer = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Row(long seq, String topic, String key, String type, String payload) {
    }

    private static final class PublishFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        PublishFailedException(String message) {
            super(message);
        }
    }
}
