package io.strata.engine;

/**
 * Whether a virtual database's engine runs.
 *
 * @param running whether it accepts connections
 * @param detail why not, from the engine's log when it died
 */
public record VirtualStatus(boolean running, String detail) {
}
