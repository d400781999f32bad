package io.strata.engine;

import java.time.Instant;
import java.util.Map;

/**
 * Where a staging copy stands when it is snapshotted.
 *
 * @param position the engine's position, e.g. a PostgreSQL LSN ({@code 0/3000060}); may be {@code null}
 * @param time the moment the data corresponds to
 * @param metadata anything a virtual database needs later (engine version, timeline...)
 */
public record SnapshotPoint(String position, Instant time, Map<String, String> metadata) {
}
