package io.strata.ingest.source;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventPublisher;
import io.strata.contracts.ingest.SourceChanged;

/**
 * Tells the other services (the catalog of datasets first) what became of a source, in the transaction that changed
 * it: linked, synced, disabled, enabled, failed, deleted. Names and states only, never a connection parameter.
 */
@ApplicationScoped
public class SourceChanges {

    /** The state a source's last event carries once the source is gone. */
    public static final String DELETED = "DELETED";

    @Inject
    EventPublisher events;

    /** Announces the source as the current transaction leaves it. */
    public void announce(Source source) {
        announce(source, source.state.name());
    }

    /** Announces that the source is gone. */
    public void announceDeleted(Source source) {
        announce(source, DELETED);
    }

    private void announce(Source source, String state) {
        events.publish(new SourceChanged(source.id, source.name, source.engine, source.environmentId, state,
                source.lastSnapshotId, source.sizeBytes, source.error, source.createdAt, Instant.now(),
                source.sensitive));
    }
}
