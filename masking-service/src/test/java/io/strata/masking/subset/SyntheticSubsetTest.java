package io.strata.masking.subset;

import static io.strata.masking.subset.SubsetDatabases.assertEveryForeignKeyHolds;
import static io.strata.masking.subset.SubsetDatabases.count;
import static io.strata.masking.subset.SubsetDatabases.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.strata.masking.subset.SubsetPlan.Direction;
import io.strata.masking.subset.SubsetPlan.Step;
import io.strata.masking.subset.SubsetReport.Disposition;
import io.strata.masking.subset.SubsetReport.NulledKey;
import io.strata.masking.subset.SubsetReport.TableRows;
import io.strata.masking.subset.SubsetRequest.Root;
import io.strata.masking.subset.SubsetRequest.Unrelated;

/** Subsets of small schemas made for one rule each: cycles, self-references, tables without a key, unrelated ones. */
class SyntheticSubsetTest {

    /**
     * A cycle a -> b -> c -> a whose last edge (c.a_id) is nullable, and a nullable self-reference a.parent_id.
     *
     * <pre>
     * id | a.b_id a.parent_id | b.c_id | c.a_id
     *  1 |   1      -         |   1    |   1
     *  2 |   2      -         |   2    |   2
     *  3 |   3      -         |   3    |   -
     *  4 |   4      5         |   4    |   2
     *  5 |   5      -         |   5    |   -
     *  6 |   6      4         |   6    |   -
     * </pre>
     */
    private static String cycle() {
        String database = SubsetDatabases.create("cycle");
        SubsetDatabases.cluster().execute(database,
                "CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL, parent_id int)",
                "CREATE TABLE b (id int PRIMARY KEY, c_id int NOT NULL)",
                "CREATE TABLE c (id int PRIMARY KEY, a_id int)",
                "INSERT INTO a VALUES (1, 1, NULL), (2, 2, NULL), (3, 3, NULL), (4, 4, 5), (5, 5, NULL), (6, 6, 4)",
                "INSERT INTO b SELECT g, g FROM generate_series(1, 6) g",
                "INSERT INTO c VALUES (1, 1), (2, 2), (3, NULL), (4, 2), (5, NULL), (6, NULL)",
                "ALTER TABLE a ADD CONSTRAINT a_b_fkey FOREIGN KEY (b_id) REFERENCES b",
                "ALTER TABLE a ADD CONSTRAINT a_parent_fkey FOREIGN KEY (parent_id) REFERENCES a",
                "ALTER TABLE b ADD CONSTRAINT b_c_fkey FOREIGN KEY (c_id) REFERENCES c",
                "ALTER TABLE c ADD CONSTRAINT c_a_fkey FOREIGN KEY (a_id) REFERENCES a");
        return database;
    }

    private static SubsetRequest rootB4(boolean nullDanglingOptional) {
        return new SubsetRequest(List.of(Root.where("b", "id = 4")), null, nullDanglingOptional, null);
    }

    @Test
    void aCycleAndASelfReferencePullEveryParentInByDefault() throws SQLException {
        try (Connection connection = SubsetDatabases.connect(cycle())) {
            SubsetPlan plan = new SubsetPlanner().plan(connection, rootB4(false));
            SubsetReport report = new SubsetExecutor().run(connection, rootB4(false));

            // b4 -> a4 (references b4) -> a6 (child of a4); up: c4 -> a2 -> b2 -> c2, a4 -> a5 -> b5 -> c5, a6 -> b6 -> c6.
            assertThat(ids(connection, "SELECT id FROM a")).containsExactly(2L, 4L, 5L, 6L);
            assertThat(ids(connection, "SELECT id FROM b")).containsExactly(2L, 4L, 5L, 6L);
            assertThat(ids(connection, "SELECT id FROM c")).containsExactly(2L, 4L, 5L, 6L);
            assertThat(report.nulled()).isEmpty();
            assertEveryForeignKeyHolds(connection);
            assertThat(plan.cycles()).containsExactly(List.of("a", "b", "c"));
            assertThat(plan.deferredKeys()).isEmpty();
            assertThat(plan.steps()).contains(new Step("a", Direction.DOWN, "a_parent_fkey", "a", true),
                    new Step("a", Direction.UP, "c_a_fkey", "c", true));
            assertThat(plan.keptRows()).containsEntry("a", 4L).containsEntry("b", 4L).containsEntry("c", 4L);
        }
    }

    @Test
    void nullingDanglingOptionalCutsTheNullableEdgesOfTheCycleInstead() throws SQLException {
        try (Connection connection = SubsetDatabases.connect(cycle())) {
            SubsetPlan plan = new SubsetPlanner().plan(connection, rootB4(true));
            SubsetReport report = new SubsetExecutor().run(connection, rootB4(true));

            // c4 keeps no a2 and a4 no a5: their references become NULL; a6 still references the kept a4.
            assertThat(ids(connection, "SELECT id FROM a")).containsExactly(4L, 6L);
            assertThat(ids(connection, "SELECT id FROM b")).containsExactly(4L, 6L);
            assertThat(ids(connection, "SELECT id FROM c")).containsExactly(4L, 6L);
            assertThat(count(connection, "SELECT count(*) FROM c WHERE id = 4 AND a_id IS NULL")).isOne();
            assertThat(count(connection, "SELECT count(*) FROM a WHERE id = 4 AND parent_id IS NULL")).isOne();
            assertThat(count(connection, "SELECT count(*) FROM a WHERE id = 6 AND parent_id = 4")).isOne();
            assertThat(report.nulled()).containsExactlyInAnyOrder(
                    new NulledKey("c_a_fkey", "c", List.of("a_id"), 1),
                    new NulledKey("a_parent_fkey", "a", List.of("parent_id"), 1));
            assertEveryForeignKeyHolds(connection);
            assertThat(plan.deferredKeys()).containsExactlyInAnyOrder("c_a_fkey", "a_parent_fkey");
            assertThat(plan.keptRows()).containsEntry("a", 2L).containsEntry("b", 2L).containsEntry("c", 2L);
        }
    }

    @Test
    void tablesWithoutAPrimaryKeyAreTrackedByRowAddressDuplicatesIncluded() throws SQLException {
        String database = SubsetDatabases.create("nokey");
        SubsetDatabases.cluster().execute(database,
                "CREATE TABLE code (code text UNIQUE, label text)", // referenced through a unique key, no primary key
                "CREATE TABLE parent (id int PRIMARY KEY)",
                "CREATE TABLE note (parent_id int REFERENCES parent, code text REFERENCES code (code), body text)",
                "INSERT INTO code VALUES ('x', 'X'), ('y', 'Y'), ('z', 'Z')",
                "INSERT INTO parent SELECT generate_series(1, 4)",
                "INSERT INTO note VALUES (1, 'x', 'same'), (1, 'x', 'same'), (1, NULL, 'no code'), (2, 'y', 'b'),"
                        + " (3, 'z', 'c')");
        try (Connection connection = SubsetDatabases.connect(database)) {
            SubsetPlan plan = new SubsetPlanner().plan(connection, SubsetRequest.of(Root.where("parent", "id <= 2")));
            new SubsetExecutor().run(connection, SubsetRequest.of(Root.where("parent", "id <= 2")));

            assertThat(count(connection, "SELECT count(*) FROM note WHERE parent_id = 1 AND body = 'same'"))
                    .isEqualTo(2);
            assertThat(ids(connection, "SELECT parent_id FROM note")).containsExactly(1L, 2L);
            assertThat(count(connection, "SELECT count(*) FROM note")).isEqualTo(4);
            assertThat(count(connection, "SELECT count(*) FROM code WHERE code IN ('x', 'y')")).isEqualTo(2);
            assertThat(count(connection, "SELECT count(*) FROM code")).isEqualTo(2);
            assertThat(plan.keptRows()).containsEntry("note", 4L).containsEntry("code", 2L);
            assertEveryForeignKeyHolds(connection);
        }
    }

    @Test
    void aPartitionedTableWithoutAPrimaryKeyIsTrackedPartitionByPartition() throws SQLException {
        String database = SubsetDatabases.create("partitioned");
        SubsetDatabases.cluster().execute(database,
                "CREATE TABLE account (id int PRIMARY KEY)",
                "CREATE TABLE event (account_id int NOT NULL REFERENCES account, at date NOT NULL) "
                        + "PARTITION BY RANGE (at)",
                "CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE event_2025 PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "INSERT INTO account SELECT generate_series(1, 5)",
                // The first row of each partition has the same ctid, (0,1): only tableoid tells them apart.
                "INSERT INTO event VALUES (1, '2024-03-01'), (2, '2024-04-01'), (2, '2025-03-01'), (1, '2025-04-01'),"
                        + " (3, '2024-05-01')");
        try (Connection connection = SubsetDatabases.connect(database)) {
            SubsetRequest request = SubsetRequest.of(Root.where("event", "account_id = 2 AND at < '2025-01-01'"),
                    Root.where("account", "id = 1"));
            SubsetPlan plan = new SubsetPlanner().plan(connection, request);
            new SubsetExecutor().run(connection, request);

            assertThat(plan.keptRows()).containsEntry("event", 3L).containsEntry("account", 2L);
            assertThat(count(connection, "SELECT count(*) FROM event_2024")).isEqualTo(2);
            assertThat(count(connection, "SELECT count(*) FROM event_2025")).isEqualTo(1);
            assertThat(ids(connection, "SELECT account_id FROM event")).containsExactly(1L, 2L);
            assertThat(ids(connection, "SELECT id FROM account")).containsExactly(1L, 2L);
            assertEveryForeignKeyHolds(connection);
        }
    }

    private static String withUnrelated() {
        String database = SubsetDatabases.create("unrelated");
        SubsetDatabases.cluster().execute(database,
                "CREATE TABLE customer (id int PRIMARY KEY)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer)",
                "CREATE SCHEMA audit",
                "CREATE TABLE audit.source (id int PRIMARY KEY)",
                "CREATE TABLE audit.entry (id int PRIMARY KEY, source_id int REFERENCES audit.source)",
                "INSERT INTO customer SELECT generate_series(1, 10)",
                "INSERT INTO orders SELECT g, 1 + g % 10 FROM generate_series(1, 30) g",
                "INSERT INTO audit.source SELECT generate_series(1, 3)",
                "INSERT INTO audit.entry SELECT g, 1 + g % 3 FROM generate_series(1, 9) g");
        return database;
    }

    @Test
    void unrelatedTablesAreKeptWholeByDefault() throws SQLException {
        try (Connection connection = SubsetDatabases.connect(withUnrelated())) {
            SubsetRequest request = SubsetRequest.of(Root.where("customer", "id IN (1, 2)"));
            SubsetPlan plan = new SubsetPlanner().plan(connection, request);
            SubsetReport report = new SubsetExecutor().run(connection, request);

            assertThat(plan.unrelatedTables()).containsExactlyInAnyOrder("audit.entry", "audit.source");
            assertThat(plan.unrelated()).isEqualTo(Unrelated.KEEP);
            assertThat(count(connection, "SELECT count(*) FROM orders")).isEqualTo(6);
            assertThat(count(connection, "SELECT count(*) FROM audit.entry")).isEqualTo(9);
            assertThat(report.table("audit.entry")).contains(
                    new TableRows("audit.entry", 9, 9, Disposition.UNRELATED_KEPT));
            assertThat(report.notes()).anyMatch(note -> note.contains("unrelated: keep") && note.contains("audit"));
        }
    }

    @Test
    void unrelatedTablesAreEmptiedWhenAsked() throws SQLException {
        try (Connection connection = SubsetDatabases.connect(withUnrelated())) {
            SubsetRequest request = new SubsetRequest(List.of(Root.where("customer", "id IN (1, 2)")), List.of(),
                    false, Unrelated.EMPTY);
            SubsetReport report = new SubsetExecutor().run(connection, request);

            assertThat(count(connection, "SELECT count(*) FROM audit.entry")).isZero();
            assertThat(count(connection, "SELECT count(*) FROM audit.source")).isZero();
            assertThat(count(connection, "SELECT count(*) FROM customer")).isEqualTo(2);
            assertThat(report.table("audit.source")).contains(
                    new TableRows("audit.source", 3, 0, Disposition.UNRELATED_EMPTIED));
            assertEveryForeignKeyHolds(connection);
        }
    }

    @Test
    void aUserWhoMayNotTurnForeignKeyTriggersOffIsToldSoAndNothingChanges() throws SQLException {
        String database = withUnrelated();
        String role = "subsetter_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        SubsetDatabases.cluster().execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD 'secret'",
                "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role);
        try (Connection connection = DriverManager.getConnection(SubsetDatabases.cluster().jdbcUrl(database), role,
                "secret")) {
            SubsetRequest request = SubsetRequest.of(Root.where("customer", "id = 1"));

            assertThatThrownBy(() -> new SubsetExecutor().run(connection, request)).isInstanceOf(SubsetError.class)
                    .hasMessageContaining("session_replication_role").extracting("field").isEqualTo("connection");
            assertThat(count(connection, "SELECT count(*) FROM orders")).isEqualTo(30);
        }
    }

    /** Twenty customers, an identity id and a generated column; five orders each, for customers 1 to 20 in turn. */
    private static String identityAndGenerated() {
        String database = SubsetDatabases.create("rewrite");
        SubsetDatabases.cluster().execute(database,
                "CREATE TABLE customer (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, "
                        + "shout text GENERATED ALWAYS AS (upper(name)) STORED)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer)",
                "INSERT INTO customer (name) SELECT 'customer ' || g FROM generate_series(1, 20) g",
                "INSERT INTO orders SELECT g, 1 + g % 20 FROM generate_series(1, 100) g");
        return database;
    }

    @Test
    void tablesKeepingFewRowsAreRewrittenAndWithoutTruncateTheyLoseTheOthersByDelete() throws SQLException {
        SubsetRequest request = SubsetRequest.of(Root.where("customer", "id IN (3, 4)"));
        try (Connection connection = SubsetDatabases.connect(identityAndGenerated())) {
            SubsetReport report = new SubsetExecutor().run(connection, request);

            assertThat(ids(connection, "SELECT id FROM customer")).containsExactlyInAnyOrder(3L, 4L);
            assertThat(count(connection, "SELECT count(*) FROM customer WHERE shout = upper(name)")).isEqualTo(2);
            assertThat(count(connection, "SELECT count(*) FROM orders")).isEqualTo(10);
            assertThat(report.notes()).anyMatch(note -> note.startsWith("Rewritten") && note.contains("customer")
                    && note.contains("orders"));
            assertThat(count(connection, "SELECT count(*) FROM pg_class WHERE relname LIKE 'strata\\_kept\\_%'"))
                    .isZero();
            assertEveryForeignKeyHolds(connection);
        }

        String database = identityAndGenerated();
        String role = "deleter_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        SubsetDatabases.cluster().execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD 'secret'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT SET ON PARAMETER session_replication_role TO " + role);
        try (Connection connection = DriverManager.getConnection(SubsetDatabases.cluster().jdbcUrl(database), role,
                "secret")) {
            SubsetReport report = new SubsetExecutor().run(connection, request);

            assertThat(ids(connection, "SELECT id FROM customer")).containsExactlyInAnyOrder(3L, 4L);
            assertThat(count(connection, "SELECT count(*) FROM orders")).isEqualTo(10);
            assertThat(report.notes()).noneMatch(note -> note.startsWith("Rewritten"));
        }
        try (Connection owner = SubsetDatabases.connect(database)) {
            assertEveryForeignKeyHolds(owner);
        }
    }

    @Test
    void aRunInsideTheCallersTransactionIsTheCallersToCommit() throws SQLException {
        try (Connection connection = SubsetDatabases.connect(withUnrelated())) {
            connection.setAutoCommit(false);
            new SubsetExecutor().run(connection, SubsetRequest.of(Root.where("customer", "id = 1")));
            assertThat(count(connection, "SELECT count(*) FROM orders")).isEqualTo(3);
            assertThat(ids(connection, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'keep\\_%'"))
                    .isEqualTo(Set.of(0L));
            assertThat(ids(connection, "SELECT 1 FROM pg_settings WHERE name = 'session_replication_role' "
                    + "AND setting = 'origin'")).isEqualTo(Set.of(1L));

            connection.rollback();

            assertThat(count(connection, "SELECT count(*) FROM orders")).isEqualTo(30);
        }
    }
}
