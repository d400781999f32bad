package io.strata.provisioning;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.SourceChanged;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;
import io.strata.provisioning.known.KnownSource;
import io.strata.testing.StrataTestEnvironment;

/** Datasets the tests make known to the provisioning service as ingest and the snapshot service would. */
final class KnownDatasets {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private KnownDatasets() {
    }

    /** Eight characters that make a name unique. */
    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A dataset named {@code prefix-<suffix>} with one snapshot of the {@code files} engine; with {@code sensitive}, a
     * source marked so, known before its snapshot.
     */
    static String dataset(EventCodec codec, String prefix, Boolean sensitive) {
        String dataset = prefix + "-" + suffix();
        if (sensitive != null) {
            Instant now = Instant.now();
            StrataTestEnvironment.publish(codec, Topics.INGEST, new SourceChanged(dataset, "crm-" + dataset,
                    "files", "local", "ACTIVE", null, null, null, now, now, sensitive));
            // Events of two topics arrive in any order: the source must be known before its snapshot is used.
            await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(() -> KnownSource.findById(
                    dataset) != null));
        }
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(null, new SnapshotView("snap-"
                + suffix(), dataset, "vol-" + suffix(), null, Instant.now(), null, null, null, null,
                Map.of("engine", "files"), List.of(), List.of())));
        return dataset;
    }
}
