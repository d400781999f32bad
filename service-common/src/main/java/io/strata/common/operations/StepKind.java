package io.strata.common.operations;

import java.time.Duration;

import io.strata.contracts.events.Reply;

/**
 * A step of a family of operations, implemented by that family's step enum. A step either waits for another
 * service's reply to the command it sent when it began, or is done by the service's own worker.
 */
public interface StepKind {

    /** How long a step waits for a reply unless it says otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    /** The enum constant's name; it is what the step row stores. */
    String name();

    /** The reply that ends this step, or {@code null} for a step the service's own worker does. */
    Class<? extends Reply> awaits();

    /**
     * How long the step may wait for its reply before the operation fails, or {@code null} for a worker step (the
     * commands a worker runs carry timeouts of their own).
     */
    default Duration timeout() {
        return awaits() == null ? null : DEFAULT_TIMEOUT;
    }
}
