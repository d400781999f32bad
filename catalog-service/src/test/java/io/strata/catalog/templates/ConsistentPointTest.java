package io.strata.catalog.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.catalog.templates.ConsistentPoint.Candidate;
import io.strata.catalog.templates.ConsistentPoint.Choice;

class ConsistentPointTest {

    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

    private static Candidate snapshot(String id, String dataset, int minutes) {
        return new Candidate(id, dataset, T.plusSeconds(60L * minutes));
    }

    private static final Map<String, List<Candidate>> SNAPSHOTS = Map.of(
            "orders", List.of(snapshot("o1", "orders", -30), snapshot("o2", "orders", -5), snapshot("o3", "orders",
                    10)),
            "billing", List.of(snapshot("b1", "billing", -20), snapshot("b2", "billing", 0)),
            "crm", List.of(snapshot("c1", "crm", 1)));

    @Test
    void eachDatasetGetsItsNewestSnapshotAtOrBeforeTheMomentInTheTemplatesOrder() {
        ConsistentPoint.Resolved resolved = ConsistentPoint.at(T, List.of("orders", "billing"), SNAPSHOTS);

        assertThat(resolved.choices()).containsExactly(new Choice("orders", "o2", T.minusSeconds(300)), new Choice(
                "billing", "b2", T));
        assertThat(resolved.missing()).isEmpty();
    }

    @Test
    void aLaterMomentMovesOnlyTheDatasetsThatHaveANewerSnapshot() {
        ConsistentPoint.Resolved resolved = ConsistentPoint.at(T.plusSeconds(900), List.of("orders", "billing",
                "crm"), SNAPSHOTS);

        assertThat(resolved.choices()).extracting(Choice::snapshot).containsExactly("o3", "b2", "c1");
    }

    @Test
    void aDatasetWithNothingAtOrBeforeTheMomentIsMissing() {
        ConsistentPoint.Resolved resolved = ConsistentPoint.at(T, List.of("crm", "orders", "unknown"), SNAPSHOTS);

        assertThat(resolved.choices()).extracting(Choice::dataset).containsExactly("orders");
        assertThat(resolved.missing()).containsExactly("crm", "unknown");
    }
}
