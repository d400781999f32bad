package io.strata.contracts.storage;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact from the ingest service: the span of time that the source's kept logs (WAL) cover, so that any moment in
 * it can be provisioned. The snapshot service shows it on the dataset's timeline.
 *
 * @param dataset the dataset (source)
 * @param from the earliest moment that can be provisioned
 * @param to the latest
 * @param archive where the kept WAL is, on the staging environment
 * @param environment the staging environment's id
 */
@EventType(value = "LogWindowChanged", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogWindowChanged(String dataset, Instant from, Instant to, String archive,
        String environment) implements Event {

    @Override
    public String subject() {
        return dataset;
    }
}
