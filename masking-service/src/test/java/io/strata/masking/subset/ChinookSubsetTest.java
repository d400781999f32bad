package io.strata.masking.subset;

import static io.strata.masking.subset.SubsetDatabases.assertEveryForeignKeyHolds;
import static io.strata.masking.subset.SubsetDatabases.count;
import static io.strata.masking.subset.SubsetDatabases.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.strata.masking.subset.SubsetPlan.Direction;
import io.strata.masking.subset.SubsetPlan.Estimate;
import io.strata.masking.subset.SubsetPlan.Step;
import io.strata.masking.subset.SubsetReport.NulledKey;
import io.strata.masking.subset.SubsetReport.TableRows;
import io.strata.masking.subset.SubsetRequest.Reference;
import io.strata.masking.subset.SubsetRequest.Root;
import io.strata.masking.subset.SubsetRequest.Unrelated;
import io.strata.masking.subset.SubsetRequest.VirtualKey;

/** Subsets of the Chinook sample (59 customers, 412 invoices, 2240 lines, 3503 tracks, 8 employees). */
class ChinookSubsetTest {

    private static final String CUSTOMERS = "SELECT customer_id FROM customer WHERE country = 'Canada'";
    private static final String INVOICES = "SELECT invoice_id FROM invoice WHERE customer_id IN (" + CUSTOMERS + ")";
    private static final String TRACKS = "SELECT track_id FROM invoice_line WHERE invoice_id IN (" + INVOICES + ")";
    private static final String ALBUMS = "SELECT album_id FROM track WHERE track_id IN (" + TRACKS + ")";

    /** What a subset of Canada's customers must keep, table by table: its id column, then the ids. */
    private static final Map<String, String[]> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("customer", new String[]{"customer_id", CUSTOMERS});
        EXPECTED.put("invoice", new String[]{"invoice_id", INVOICES});
        EXPECTED.put("invoice_line", new String[]{"invoice_line_id",
                "SELECT invoice_line_id FROM invoice_line WHERE invoice_id IN (" + INVOICES + ")"});
        EXPECTED.put("track", new String[]{"track_id", TRACKS});
        EXPECTED.put("album", new String[]{"album_id", ALBUMS});
        EXPECTED.put("artist", new String[]{"artist_id",
                "SELECT artist_id FROM album WHERE album_id IN (" + ALBUMS + ")"});
        EXPECTED.put("genre", new String[]{"genre_id",
                "SELECT genre_id FROM track WHERE genre_id IS NOT NULL AND track_id IN (" + TRACKS + ")"});
        EXPECTED.put("media_type", new String[]{"media_type_id",
                "SELECT media_type_id FROM track WHERE track_id IN (" + TRACKS + ")"});
        EXPECTED.put("employee", new String[]{"employee_id", """
                WITH RECURSIVE chain(id) AS (
                    SELECT support_rep_id FROM customer WHERE country = 'Canada' AND support_rep_id IS NOT NULL
                    UNION SELECT e.reports_to FROM employee e JOIN chain ON e.employee_id = chain.id
                           WHERE e.reports_to IS NOT NULL)
                SELECT id FROM chain"""});
        EXPECTED.put("playlist", new String[]{"playlist_id", "SELECT playlist_id FROM playlist WHERE false"});
        EXPECTED.put("playlist_track", new String[]{"track_id", "SELECT track_id FROM playlist_track WHERE false"});
    }

    private static Map<String, Set<Long>> expected(Connection connection) throws SQLException {
        Map<String, Set<Long>> expected = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> table : EXPECTED.entrySet()) {
            expected.put(table.getKey(), ids(connection, table.getValue()[1]));
        }
        return expected;
    }

    private static Map<String, Set<Long>> remaining(Connection connection) throws SQLException {
        Map<String, Set<Long>> remaining = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> table : EXPECTED.entrySet()) {
            remaining.put(table.getKey(),
                    ids(connection, "SELECT " + table.getValue()[0] + " FROM " + table.getKey()));
        }
        return remaining;
    }

    @Test
    void customersOfOneCountryKeepTheirInvoicesLinesTracksAndEverythingAboveThem() throws SQLException {
        String database = SubsetDatabases.chinook();
        try (Connection connection = SubsetDatabases.connect(database)) {
            Map<String, Set<Long>> expected = expected(connection);
            assertThat(expected.get("customer")).hasSize(8);
            assertThat(expected.get("track").size()).isBetween(100, 3000);
            // The support reps' manager and the general manager above him are kept too.
            assertThat(expected.get("employee")).contains(1L, 2L).hasSizeLessThan(8);

            SubsetReport report = new SubsetExecutor().run(connection,
                    SubsetRequest.of(Root.where("customer", "country = 'Canada'")));

            assertThat(remaining(connection)).isEqualTo(expected);
            assertEveryForeignKeyHolds(connection);
            assertThat(report.table("customer")).get().extracting(TableRows::rowsBefore, TableRows::rowsKept)
                    .containsExactly(59L, 8L);
            for (TableRows rows : report.tables()) {
                assertThat(rows.rowsKept()).as(rows.table())
                        .isEqualTo(count(connection, "SELECT count(*) FROM " + rows.table()));
            }
            assertThat(report.nulled()).isEmpty();
            assertThat(report.notes()).anyMatch(note -> note.contains("playlist_track"));
        }
    }

    @Test
    void thePlanCountsExactlyWhatTheRunKeepsAndChangesNothing() throws SQLException {
        String database = SubsetDatabases.chinook();
        try (Connection connection = SubsetDatabases.connect(database)) {
            SubsetRequest request = SubsetRequest.of(Root.where("customer", "country = 'Canada'"),
                    Root.where("genre", "name = 'Jazz'"));
            long invoicesBefore = count(connection, "SELECT count(*) FROM invoice");
            long jazzTracks = count(connection, "SELECT count(*) FROM track WHERE genre_id = 2");

            SubsetPlan plan = new SubsetPlanner().plan(connection, request);

            assertThat(plan.estimate()).isEqualTo(Estimate.EXACT);
            assertThat(count(connection, "SELECT count(*) FROM invoice")).isEqualTo(invoicesBefore);
            assertThat(plan.cycles()).containsExactly(List.of("employee"));
            assertThat(plan.steps()).contains(new Step("customer", Direction.ROOT, null, null, false),
                    new Step("invoice", Direction.DOWN, "invoice_customer_id_fkey", "customer", false),
                    new Step("employee", Direction.UP, "employee_reports_to_fkey", "employee", true));
            // Jazz tracks are reached downward, so their lines are too; tracks reached up from lines are not.
            assertThat(plan.steps()).contains(
                    new Step("invoice_line", Direction.DOWN, "invoice_line_track_id_fkey", "track", false));
            // The steps run in an order where every step that feeds another runs first.
            List<String> order = plan.steps().stream().map(step -> step.table() + "<-" + step.from()).toList();
            assertThat(order.indexOf("invoice<-customer")).isLessThan(order.indexOf("invoice_line<-invoice"));
            assertThat(order.indexOf("invoice_line<-invoice")).isLessThan(order.indexOf("track<-invoice_line"));

            SubsetReport report = new SubsetExecutor().run(connection, request);

            Map<String, Long> kept = report.tables().stream()
                    .collect(Collectors.toMap(TableRows::table, TableRows::rowsKept));
            assertThat(plan.keptRows()).isEqualTo(kept);
            for (Map.Entry<String, Long> table : plan.keptRows().entrySet()) {
                assertThat(count(connection, "SELECT count(*) FROM " + table.getKey())).as(table.getKey())
                        .isEqualTo(table.getValue());
            }
            assertThat(count(connection, "SELECT count(*) FROM track WHERE genre_id = 2")).isEqualTo(jazzTracks)
                    .isPositive();
            assertThat(count(connection, "SELECT count(*) FROM invoice_line l JOIN track t USING (track_id) "
                    + "WHERE t.genre_id = 2")).isPositive();
        }
    }

    @Test
    void aLargeDatabaseIsPlannedFromStatistics() throws SQLException {
        String database = SubsetDatabases.chinook();
        try (Connection connection = SubsetDatabases.connect(database)) {
            SubsetPlan plan = new SubsetPlanner(0).plan(connection,
                    SubsetRequest.of(Root.where("customer", "country = 'Canada'")));

            assertThat(plan.estimate()).isEqualTo(Estimate.PLANNER);
            assertThat(plan.keptRows().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
            assertThat(plan.keptRows().get("customer")).isBetween(1L, 59L);
            assertThat(plan.keptRows().get("invoice_line")).isBetween(1L, 2240L);
            assertThat(plan.keptRows().get("playlist")).isZero();
        }
    }

    @Test
    void aVirtualKeyStandsInForAForeignKeyTheSchemaDoesNotDeclare() throws SQLException {
        String database = SubsetDatabases.chinook();
        try (Connection connection = SubsetDatabases.connect(database)) {
            Map<String, Set<Long>> expected = expected(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE invoice DROP CONSTRAINT invoice_customer_id_fkey");
            }
            SubsetRequest request = new SubsetRequest(List.of(Root.where("customer", "country = 'Canada'")),
                    List.of(new VirtualKey("invoice", List.of("customer_id"),
                            new Reference("customer", List.of("customer_id")))),
                    false, Unrelated.KEEP);

            SubsetPlan plan = new SubsetPlanner().plan(connection, request);
            new SubsetExecutor().run(connection, request);

            assertThat(plan.steps()).anyMatch(step -> step.table().equals("invoice")
                    && step.direction() == Direction.DOWN && step.via().startsWith("virtual key invoice"));
            assertThat(remaining(connection)).isEqualTo(expected);
            assertEveryForeignKeyHolds(connection);
        }
    }

    @Test
    void aPercentRootChoosesTheSameRowsOnEveryCopy() throws SQLException {
        SubsetRequest request = SubsetRequest.of(Root.percent("customer", 30));
        TreeSet<Long> first;
        try (Connection connection = SubsetDatabases.connect(SubsetDatabases.chinook())) {
            new SubsetExecutor().run(connection, request);
            first = ids(connection, "SELECT customer_id FROM customer");
            assertEveryForeignKeyHolds(connection);
        }
        try (Connection connection = SubsetDatabases.connect(SubsetDatabases.chinook())) {
            SubsetPlan plan = new SubsetPlanner().plan(connection, request);
            SubsetPlan all = new SubsetPlanner().plan(connection, SubsetRequest.of(Root.percent("customer", 100)));
            new SubsetExecutor().run(connection, request);

            assertThat(ids(connection, "SELECT customer_id FROM customer")).isEqualTo(first);
            assertThat(plan.keptRows().get("customer")).isEqualTo((long) first.size());
            assertThat(all.keptRows().get("customer")).isEqualTo(59L);
        }
        assertThat(first.size()).isBetween(5, 35);
    }

    @Test
    void nullingDanglingOptionalKeysCutsTheManagerChainInsteadOfFollowingIt() throws SQLException {
        String database = SubsetDatabases.chinook();
        try (Connection connection = SubsetDatabases.connect(database)) {
            TreeSet<Long> reps = ids(connection,
                    "SELECT support_rep_id FROM customer WHERE country = 'Canada' AND support_rep_id IS NOT NULL");
            long cut = count(connection, "SELECT count(*) FROM employee WHERE employee_id IN ("
                    + "SELECT support_rep_id FROM customer WHERE country = 'Canada') AND reports_to NOT IN ("
                    + "SELECT support_rep_id FROM customer WHERE country = 'Canada' AND support_rep_id IS NOT NULL)");
            SubsetRequest request = new SubsetRequest(List.of(Root.where("customer", "country = 'Canada'")),
                    List.of(), true, Unrelated.KEEP);

            SubsetPlan plan = new SubsetPlanner().plan(connection, request);
            SubsetReport report = new SubsetExecutor().run(connection, request);

            assertThat(plan.deferredKeys()).containsExactly("employee_reports_to_fkey");
            assertThat(ids(connection, "SELECT employee_id FROM employee")).isEqualTo(reps);
            assertThat(cut).isPositive();
            assertThat(report.nulled()).containsExactly(new NulledKey("employee_reports_to_fkey", "employee",
                    List.of("reports_to"), cut));
            assertEveryForeignKeyHolds(connection);
        }
    }

    @Test
    void aRunThatFailsHalfwayChangesNothing() throws SQLException {
        String database = SubsetDatabases.chinook();
        try (Connection connection = SubsetDatabases.connect(database)) {
            // Accepted by EXPLAIN, fails on the row with customer_id 10.
            SubsetRequest request = SubsetRequest.of(Root.where("customer", "1 / (customer_id - 10) > 0"));

            assertThatThrownBy(() -> new SubsetExecutor().run(connection, request)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("division by zero");

            assertThat(count(connection, "SELECT count(*) FROM customer")).isEqualTo(59);
            assertThat(count(connection, "SELECT count(*) FROM invoice_line")).isEqualTo(2240);
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }
}
