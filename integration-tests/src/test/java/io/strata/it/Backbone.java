package io.strata.it;

import java.time.Instant;
import java.util.UUID;

import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.jobs.JobProgressed;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;
import io.strata.testing.KafkaBroker;
import io.strata.testing.TopicClient;

/** Helpers for end-to-end tests that put events on the backbone as one of the services would. */
final class Backbone {

    private static final EventCodec CODEC = new EventCodec();

    private Backbone() {
    }

    /** A fresh topic prefix, so that a test sees only its own events. */
    static String freshPrefix() {
        return "it" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes a JobProgressed as the snapshot service would. */
    static void publishJobAsSnapshotService(KafkaBroker broker, String prefix, UUID jobId, long sequence) {
        JobView job = new JobView(jobId, "volume.clone", "volume-" + jobId, Topics.SNAPSHOT, JobState.RUNNING,
                (int) Math.min(100, sequence * 10), "step " + sequence, null, false, Instant.now(), Instant.now(),
                null);
        String envelope = CODEC.encodeToString(CODEC.envelope(Topics.SNAPSHOT, new JobProgressed(job, sequence),
                "it-correlation", null));
        TopicClient.send(broker.bootstrapServers(), Topics.events(prefix, Topics.SNAPSHOT), jobId.toString(),
                envelope);
    }

    /** The value of a Prometheus counter line such as {@code name{outcome="duplicate",...} 3.0}, or 0. */
    static double counter(String metrics, String name, String label) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
