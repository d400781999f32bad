package io.strata.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact from the ingest service: an environment exists (or changed), and how to reach it; the credentials stay
 * in the secret store under {@code environment.secretRef()}.
 *
 * @param environment how to reach it
 * @param name its name
 */
@EventType(value = "EnvironmentRegistered", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentRegistered(EnvironmentRef environment, String name) implements Event {

    @Override
    public String subject() {
        return environment.id();
    }
}
