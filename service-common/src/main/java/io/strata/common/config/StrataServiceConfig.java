package io.strata.common.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every Strata service shares: who it is, where the broker is, and how the outbox relay and the event
 * consumer behave. Each service sets {@code strata.service.name}; everything else has a default that suits one
 * machine.
 */
@ConfigMapping(prefix = "strata")
public interface StrataServiceConfig {

    /** This service. */
    Service service();

    /**
     * Where Strata keeps its state on this machine (the pool, secrets, logs): {@code $STRATA_HOME}, by default
     * {@code /var/lib/strata}.
     */
    @WithDefault("${STRATA_HOME:/var/lib/strata}")
    String home();

    /** The event backbone. */
    Events events();

    /** Identity of the running service. */
    interface Service {

        /** The service's short name ({@code ingest}, {@code snapshot}, ...): the event source and topic name. */
        String name();
    }

    /** Kafka, the outbox relay and the consumer. */
    interface Events {

        /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}. */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /**
         * Prefix of every topic name ({@code <prefix>.<service>.events}). Change it to run two Strata installations on
         * one broker; tests use a fresh prefix per run.
         */
        @WithDefault("strata")
        String topicPrefix();

        /** The outbox relay. */
        Relay relay();

        /** The event consumer. */
        Consumer consumer();

        /** How often the broker is probed for the readiness check while it answers; it is probed every 2 s while it does not. */
        @WithDefault("15s")
        Duration brokerProbeInterval();
    }

    /** The relay publishes committed outbox rows to Kafka, in commit order. */
    interface Relay {

        /** Most rows published in one round. */
        @WithDefault("200")
        int batchSize();

        /**
         * A round runs as soon as a transaction with events commits; this sweep catches anything missed (another
         * instance's rows, rows left by a crash).
         */
        @WithDefault("1s")
        Duration sweepInterval();

        /** First wait after a failed publish; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between publish attempts while the broker is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** How long published rows are kept for inspection before they are deleted. */
        @WithDefault("24h")
        Duration retention();
    }

    /** The consumer applies other services' events idempotently. */
    interface Consumer {

        /** Consumer group id; defaults to {@code <topic-prefix>-<service name>}. */
        Optional<String> group();

        /** How long one poll waits for records; short, so that a hop costs milliseconds. */
        @WithDefault("100ms")
        Duration pollTimeout();

        /** Attempts before an event that keeps failing goes to the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        /** First wait before retrying a failed event; it doubles with every attempt. */
        @WithDefault("100ms")
        Duration initialBackoff();

        /**
         * How often consumed offsets are committed to Kafka. {@code 0s} commits after every poll. A crash between
         * applying an event and committing its offset redelivers the event; the processed-event table makes that
         * harmless, and a long interval is how the tests make that window wide.
         */
        @WithDefault("0s")
        Duration commitInterval();

        /**
         * How many events the consumer applies at once. Only events their handler calls independent
         * ({@code EventHandler.independent}) run side by side, those of one record key still one after the other;
         * any other event waits until they are done. {@code 1} applies every event in turn, in partition order.
         */
        @WithDefault("1")
        int parallelism();
    }
}
