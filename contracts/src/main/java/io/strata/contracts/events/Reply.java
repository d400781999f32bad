package io.strata.contracts.events;

/**
 * An event that answers a command: it carries the command's request id, so the operation that sent the command
 * (and only that one) advances on it.
 */
public interface Reply extends Event {

    /** The request this answers, or {@code null} when nobody asked (a fact the service produced on its own). */
    String requestId();
}
