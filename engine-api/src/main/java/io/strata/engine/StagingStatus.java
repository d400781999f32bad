package io.strata.engine;

import java.time.Instant;

/**
 * The state of a source's staging copy.
 *
 * @param running whether the staging engine runs (always true for plugins without one)
 * @param lagBytes how far behind the source it is, in bytes of log, when known
 * @param lagSeconds how far behind in time, when known
 * @param lastReplay the time of the last change replayed, when known
 * @param detail a line for people
 */
public record StagingStatus(boolean running, Long lagBytes, Double lagSeconds, Instant lastReplay, String detail) {
}
