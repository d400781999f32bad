package io.strata.common.schema;

/**
 * CDI event fired once the service's database answers and its schema is migrated. Whatever reads tables in the
 * background (outbox relay, consumers, reconcilers, job recovery) starts on this event, not on start-up, because a
 * service starts even while its database is down.
 */
public record SchemaReady(String schemaVersion) {
}
