package io.strata.masking.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.strata.masking.subset.SubsetReport.TableRows;
import io.strata.masking.subset.SubsetRequest.Root;
import io.strata.testing.MariaDbServer;
import io.strata.testing.SampleDatabases;

/**
 * Subsets of Chinook on a real MariaDB server keep exactly the rows the same request keeps in PostgreSQL (the same
 * data, loaded from each engine's script), and every foreign key still holds, checked by MariaDB itself.
 */
class MariaDbSubsetTest {

    private static MariaDbServer server;
    private static int copies;

    @BeforeAll
    static void start() {
        server = MariaDbServer.start(false);
        server.execute("CREATE USER subsetter@'%' IDENTIFIED BY 'sp';");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection freshChinook() throws SQLException {
        String database = "chinook_" + ++copies;
        server.execute(SampleDatabases.chinookMySql().replace("`Chinook`", "`" + database + "`"));
        server.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO subsetter@'%';");
        // The driver itself: DriverManager finds no driver another test's class loader registered.
        return new org.mariadb.jdbc.Driver().connect("jdbc:mariadb://127.0.0.1:" + server.port() + "/" + database
                + "?user=subsetter&password=sp", new Properties());
    }

    /** Rows kept per table, named without underscores and in lower case: {@code invoice_line} is {@code InvoiceLine}. */
    private static Map<String, Long> kept(SubsetReport report) {
        Map<String, Long> kept = new TreeMap<>();
        for (TableRows rows : report.tables()) {
            kept.put(rows.table().replace("_", "").toLowerCase(Locale.ROOT), rows.rowsKept());
        }
        return kept;
    }

    @Test
    void customersOfOneCountryKeepWhatTheyKeepInPostgresqlAndEveryForeignKeyHolds() throws SQLException {
        SubsetRequest request = SubsetRequest.of(Root.where("customer", "Country = 'Canada'"));
        SubsetReport postgres;
        try (Connection connection = SubsetDatabases.connect(SubsetDatabases.chinook())) {
            postgres = new SubsetExecutor().run(connection, request);
        }

        try (Connection connection = freshChinook()) {
            SubsetReport mariaDb = new SubsetExecutor().run(connection, request);

            assertThat(kept(mariaDb)).isEqualTo(kept(postgres)).containsEntry("customer", 8L);
            for (TableRows rows : mariaDb.tables()) {
                assertThat(SubsetDatabases.count(connection, "SELECT count(*) FROM `" + rows.table() + "`")).as(rows
                        .table()).isEqualTo(rows.rowsKept());
            }
            assertEveryForeignKeyHolds(connection);
            assertThat(SubsetDatabases.count(connection, "SELECT count(*) FROM information_schema.TABLES WHERE "
                    + "TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'strata_keep%'")).isZero();
        }
    }

    @Test
    void aShareOfTheRootsKeepsTheirRowsAndTheirParentsOnly() throws SQLException {
        try (Connection connection = freshChinook()) {
            SubsetReport report = new SubsetExecutor().run(connection, SubsetRequest.of(Root.percent("invoice",
                    25)));

            long invoices = SubsetDatabases.count(connection, "SELECT count(*) FROM Invoice");
            assertThat(invoices).isBetween(50L, 160L);
            assertThat(report.table("Invoice")).get().extracting(TableRows::rowsKept).isEqualTo(invoices);
            assertThat(SubsetDatabases.count(connection, "SELECT count(*) FROM InvoiceLine l LEFT JOIN Invoice i "
                    + "USING (InvoiceId) WHERE i.InvoiceId IS NULL")).isZero();
            assertEveryForeignKeyHolds(connection);
        }
    }

    @Test
    void aRootThatNamesNoTableIsRefusedAndNothingIsDeleted() throws SQLException {
        try (Connection connection = freshChinook()) {
            assertThatThrownBy(() -> new SubsetExecutor().run(connection, SubsetRequest.of(Root.where("customers",
                    "Country = 'Canada'")))).isInstanceOf(SubsetError.class).hasMessageContaining("customers");
            assertThat(SubsetDatabases.count(connection, "SELECT count(*) FROM Customer")).isEqualTo(59);
        }
    }

    /**
     * Fails unless MariaDB itself finds every foreign key holding: with checks on, each constraint is dropped and
     * added again, which validates every row.
     */
    private static void assertEveryForeignKeyHolds(Connection connection) throws SQLException {
        java.util.List<String[]> keys = new java.util.ArrayList<>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, "
                        + "GROUP_CONCAT(CONCAT('`', k.COLUMN_NAME, '`') ORDER BY k.ORDINAL_POSITION), "
                        + "k.REFERENCED_TABLE_NAME, GROUP_CONCAT(CONCAT('`', k.REFERENCED_COLUMN_NAME, '`') ORDER BY "
                        + "k.ORDINAL_POSITION) FROM information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = "
                        + "DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL GROUP BY k.TABLE_NAME, "
                        + "k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME")) {
            while (rows.next()) {
                keys.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5)});
            }
        }
        assertThat(keys).isNotEmpty();
        try (var statement = connection.createStatement()) {
            statement.execute("SET SESSION foreign_key_checks = 1");
            for (String[] key : keys) {
                statement.execute("ALTER TABLE `" + key[0] + "` DROP FOREIGN KEY `" + key[1] + "`");
                statement.execute("ALTER TABLE `" + key[0] + "` ADD CONSTRAINT `" + key[1] + "` FOREIGN KEY ("
                        + key[2] + ") REFERENCES `" + key[3] + "` (" + key[4] + ")");
            }
        }
    }
}
