package io.strata.contracts.ingest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a source was linked, synced, disabled, enabled, failed or deleted; what the catalog of datasets shows of it.
 * No connection parameter and no secret.
 *
 * @param source the source's id (also its dataset's)
 * @param name its name
 * @param engine its engine plugin
 * @param environment the environment it lives in
 * @param state LINKING, ACTIVE, DISABLED, FAILED, DELETING, or DELETED once it is gone
 * @param lastSnapshot its newest snapshot, {@code null} before the first
 * @param size the logical size of that snapshot, in bytes
 * @param error why its last operation failed, {@code null} when it did not
 * @param createdAt when it was linked
 * @param changedAt when this change happened
 * @param sensitive whether only admins may provision from it (everyone else uses its masked datasets); {@code null}
 *        from producers older than the field, read as not sensitive
 */
@EventType(value = "SourceChanged", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceChanged(String source, String name, String engine, String environment, String state,
        String lastSnapshot, Long size, String error, Instant createdAt, Instant changedAt, Boolean sensitive)
        implements
            Event {

    /** A change of a source that is not marked sensitive. */
    public SourceChanged(String source, String name, String engine, String environment, String state,
            String lastSnapshot, Long size, String error, Instant createdAt, Instant changedAt) {
        this(source, name, engine, environment, state, lastSnapshot, size, error, createdAt, changedAt, false);
    }

    @Override
    public String subject() {
        return source;
    }
}
