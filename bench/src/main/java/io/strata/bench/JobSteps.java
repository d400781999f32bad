package io.strata.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;

/**
 * Where jobs spend their time, from the service's own {@code JobProgressed} events: every step a job showed, and
 * when. Read from the events topic, so the services are not polled while they are measured.
 */
final class JobSteps implements AutoCloseable {

    /** One step a job showed, from when. */
    private record Shown(Instant at, String step) {
    }

    /** A storage command and its answer: when each was committed by its service, and when the bench read it. */
    private record Hop(Instant sent, Instant sentRead, Instant answered, Instant answerRead) {
    }

    private final EventCodec codec = new EventCodec();
    private final Map<String, List<Shown>> steps = new ConcurrentHashMap<>();
    private final Map<String, Hop> hops = new ConcurrentHashMap<>();
    private final List<Thread> readers = new ArrayList<>();
    private final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(2);
    private volatile boolean running = true;

    JobSteps(String bootstrap, String prefix, String service) {
        read(EventBus.consumer(bootstrap, Topics.events(prefix, service), "latest"), this::onServiceEvent);
        read(EventBus.consumer(bootstrap, Topics.events(prefix, Topics.SNAPSHOT), "latest"), this::onStorageEvent);
        // The consumers join their groups before the measured requests are sent.
        try {
            assigned.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(KafkaConsumer<String, byte[]> consumer, java.util.function.Consumer<EventEnvelope> handler) {
        Thread reader = new Thread(() -> {
            boolean joined = false;
            try (consumer) {
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    if (!joined && !consumer.assignment().isEmpty()) {
                        joined = true;
                        assigned.countDown();
                    }
                    records.forEach(record -> handler.accept(codec.decode(record.value())));
                }
            } finally {
                if (!joined) {
                    assigned.countDown();
                }
            }
        }, "bench-events");
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }

    private void onServiceEvent(EventEnvelope envelope) {
        if ("CloneRequested".equals(envelope.type())) {
            Instant read = Instant.now();
            hops.compute(envelope.data().path("requestId").asText(), (id, hop) -> hop == null
                    ? new Hop(envelope.time(), read, null, null)
                    : new Hop(envelope.time(), read, hop.answered(), hop.answerRead()));
        } else if ("JobProgressed".equals(envelope.type())) {
            var job = envelope.data().path("job");
            steps.computeIfAbsent(job.path("id").asText(), id -> new ArrayList<>()).add(new Shown(envelope.time(),
                    "SUCCEEDED".equals(job.path("state").asText()) ? "ready" : job.path("step").asText()));
        }
    }

    private void onStorageEvent(EventEnvelope envelope) {
        if ("CloneCreated".equals(envelope.type())) {
            Instant read = Instant.now();
            hops.compute(envelope.data().path("requestId").asText(), (id, hop) -> hop == null
                    ? new Hop(null, null, envelope.time(), read)
                    : new Hop(hop.sent(), hop.sentRead(), envelope.time(), read));
        }
    }

    /**
     * For the jobs given, the median time each kind of step took (ids and numbers in the step's words made alike),
     * in the order the steps came, from {@code start}: "step 123 ms; ...".
     */
    String medians(List<String> jobIds, Instant start) throws InterruptedException {
        Map<String, Instant> starts = new LinkedHashMap<>();
        jobIds.forEach(jobId -> starts.put(jobId, start));
        return medians(starts);
    }

    /** The same, each job timed from its own start. */
    String medians(Map<String, Instant> jobStarts) throws InterruptedException {
        Thread.sleep(500);
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        for (Map.Entry<String, Instant> job : jobStarts.entrySet()) {
            String jobId = job.getKey();
            Instant since = job.getValue();
            String step = "requested";
            for (Shown shown : steps.getOrDefault(jobId, List.of())) {
                String kind = shown.step().replaceAll("[a-z]+-[0-9a-f]{8}-[0-9a-f]{4}", "<id>").replaceAll(
                        "[0-9A-F]+/[0-9A-F]+|\\d+", "<n>");
                if (!kind.equals(step)) {
                    millis.computeIfAbsent(step, key -> new ArrayList<>()).add(Duration.between(since, shown.at())
                            .toMillis());
                    step = kind;
                    since = shown.at();
                }
            }
        }
        List<String> parts = new ArrayList<>();
        millis.forEach((step, values) -> parts.add(String.format("%s %d ms", step, median(values))));
        return String.join("; ", parts);
    }

    /**
     * The clone commands sent from {@code since} on: the median time from a command's commit to its answer's commit
     * (the snapshot service's turn: reading it, cloning, committing), and how long after its commit each kind of event
     * was read here (the outbox's relay and the broker).
     */
    String cloneHops(Instant since) {
        List<Long> turn = new ArrayList<>();
        List<Long> commandLag = new ArrayList<>();
        List<Long> answerLag = new ArrayList<>();
        for (Hop hop : hops.values()) {
            if (hop.sent() != null && hop.answered() != null && !hop.sent().isBefore(since)) {
                turn.add(Duration.between(hop.sent(), hop.answered()).toMillis());
                commandLag.add(Duration.between(hop.sent(), hop.sentRead()).toMillis());
                answerLag.add(Duration.between(hop.answered(), hop.answerRead()).toMillis());
            }
        }
        return String.format("clone commands: answered in p50 %d ms from the command's commit (n=%d); read %d ms "
                + "(command) and %d ms (answer) after their commit, p50", median(turn), turn.size(),
                median(
                        commandLag),
                median(answerLag));
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        values.sort(Long::compare);
        return values.get(values.size() / 2);
    }

    @Override
    public void close() {
        running = false;
    }
}
