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

    private final EventCodec codec = new EventCodec();
    private final Map<String, List<Shown>> steps = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile boolean assigned;

    JobSteps(String bootstrap, String prefix, String service) {
        KafkaConsumer<String, byte[]> consumer = EventBus.consumer(bootstrap, Topics.events(prefix, service),
                "latest");
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    assigned = assigned || !consumer.assignment().isEmpty();
                    for (var record : records) {
                        EventEnvelope envelope = codec.decode(record.value());
                        if ("JobProgressed".equals(envelope.type())) {
                            var job = envelope.data().path("job");
                            steps.computeIfAbsent(job.path("id").asText(), id -> new ArrayList<>()).add(new Shown(
                                    envelope.time(), "SUCCEEDED".equals(job.path("state").asText())
                                            ? "ready"
                                            : job.path("step").asText()));
                        }
                    }
                }
            }
        }, "bench-steps");
        reader.setDaemon(true);
        reader.start();
        // The consumer joins its group before the measured requests are sent.
        while (!assigned && reader.isAlive()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * For the jobs given, the median time each kind of step took (ids and numbers in the step's words made alike),
     * in the order the steps came, from {@code start}: "step 123 ms; ...".
     */
    String medians(List<String> jobIds, Instant start) throws InterruptedException {
        Thread.sleep(500);
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        for (String jobId : jobIds) {
            Instant since = start;
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
        millis.forEach((step, values) -> {
            values.sort(Long::compare);
            parts.add(String.format("%s %d ms", step, values.get(values.size() / 2)));
        });
        return String.join("; ", parts);
    }

    @Override
    public void close() {
        running = false;
    }
}
