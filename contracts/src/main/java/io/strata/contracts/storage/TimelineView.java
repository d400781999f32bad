package io.strata.contracts.storage;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A dataset's timeline ({@code GET /api/v1/datasets/{id}/timeline}): its snapshots oldest first, each with its parent,
 * the clones made from it, and the point-in-time window where log shipping is on.
 *
 * @param dataset the dataset
 * @param snapshots its snapshots, oldest first
 * @param clones the live volumes cloned from any of them, by snapshot
 * @param window the span of time that can be provisioned to the second, or {@code null}
 * @param retention the retention policy, or {@code null} when snapshots are kept until deleted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TimelineView(String dataset, List<SnapshotView> snapshots, List<Clone> clones, Window window,
        Retention retention) {

    /**
     * @param snapshot the snapshot cloned
     * @param volume the clone
     * @param dataset the clone's dataset
     */
    public record Clone(String snapshot, String volume, String dataset) {
    }

    /**
     * @param from earliest provisionable moment
     * @param to latest
     * @param archive where the kept WAL is, on the environment below
     * @param environment the environment holding the archive
     */
    public record Window(Instant from, Instant to, String archive, String environment) {
    }

    /**
     * @param keepLast keep at least the newest N snapshots ({@code null}: no count limit)
     * @param keepDays keep snapshots younger than N days ({@code null}: no age limit)
     */
    public record Retention(Integer keepLast, Integer keepDays) {
    }
}
