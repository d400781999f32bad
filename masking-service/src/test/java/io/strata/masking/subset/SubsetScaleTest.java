package io.strata.masking.subset;

import static io.strata.masking.subset.SubsetDatabases.assertEveryForeignKeyHolds;
import static io.strata.masking.subset.SubsetDatabases.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.strata.masking.subset.SubsetRequest.Root;

/**
 * 10% of a 100,000-parent, 1,000,000-child pair, to measure what a subset costs; it prints the time and asserts only
 * what is kept. Runs when asked: {@code -Dstrata.subset.scale=true}.
 */
@EnabledIfSystemProperty(named = "strata.subset.scale", matches = "true")
class SubsetScaleTest {

    @Test
    void tenPercentOfAMillionChildren() throws SQLException {
        String database = SubsetDatabases.create("scale");
        SubsetDatabases.cluster().execute(database,
                "CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE child (id bigint PRIMARY KEY, parent_id int NOT NULL REFERENCES parent, amount int)",
                "CREATE INDEX child_parent_id_idx ON child (parent_id)",
                "INSERT INTO parent SELECT g, 'parent ' || g FROM generate_series(1, 100000) g",
                "INSERT INTO child SELECT g, 1 + g % 100000, g % 1000 FROM generate_series(1, 1000000) g",
                "VACUUM ANALYZE parent", "VACUUM ANALYZE child");
        SubsetRequest request = SubsetRequest.of(Root.percent("parent", 10));
        try (Connection connection = SubsetDatabases.connect(database)) {
            long planStart = System.nanoTime();
            SubsetPlan plan = new SubsetPlanner().plan(connection, request);
            long planMillis = (System.nanoTime() - planStart) / 1_000_000;
            SubsetPlan estimated = new SubsetPlanner(0).plan(connection, request);

            SubsetReport report = new SubsetExecutor().run(connection, request);

            long parents = count(connection, "SELECT count(*) FROM parent");
            assertThat(parents).isBetween(9000L, 11000L);
            assertThat(count(connection, "SELECT count(*) FROM child")).isEqualTo(parents * 10);
            assertThat(plan.keptRows()).containsEntry("parent", parents).containsEntry("child", parents * 10);
            assertEveryForeignKeyHolds(connection);
            System.out.printf("subset of 10%% of 100k parents / 1M children: plan (%s) %d ms, run %d ms; %s; "
                    + "planner's estimate %s%n", plan.estimate(), planMillis, report.elapsed().toMillis(),
                    report.tables(), estimated.keptRows());
        }
    }
}
