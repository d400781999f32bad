package io.strata.masking.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.strata.masking.algorithms.Masker;
import io.strata.masking.postgres.ColumnRef;
import io.strata.masking.postgres.ConnectionFactory;
import io.strata.masking.postgres.DatabaseSchema;
import io.strata.masking.postgres.MaskingFailure;
import io.strata.masking.postgres.MaskingReport;
import io.strata.masking.profiling.ColumnProfiler;
import io.strata.masking.profiling.DatabaseProfiler;
import io.strata.masking.profiling.Inventory;
import io.strata.masking.profiling.PiiKind;
import io.strata.testing.MariaDbServer;
import io.strata.testing.SampleDatabases;

/** Masking the Chinook sample database in place on a real MariaDB server, one fresh copy of it per test. */
class MariaDbMaskingTest {

    private static final String USER = "masker";
    private static final String PASSWORD = "masker-pw";
    private static final Set<ColumnRef> CATALOG = Set.of(ColumnRef.parse("track.name"), ColumnRef.parse(
            "track.composer"), ColumnRef.parse("album.title"), ColumnRef.parse("artist.name"));

    private static MariaDbServer server;
    private static int copies;

    @BeforeAll
    static void start() {
        server = MariaDbServer.start(false);
        server.execute("CREATE USER " + USER + "@'%' IDENTIFIED BY '" + PASSWORD + "';");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A new copy of Chinook, its user allowed everything on it, as a virtual database's user is. */
    private static String freshChinook() {
        String database = "chinook_" + ++copies;
        server.execute(SampleDatabases.chinookMySql().replace("`Chinook`", "`" + database + "`"));
        server.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + USER + "@'%';");
        return database;
    }

    private static ConnectionFactory connections(String database) {
        String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/" + database + "?allowLocalInfile=true&user="
                + USER + "&password=" + PASSWORD;
        // The driver itself: DriverManager finds no driver another test's class loader registered.
        return ConnectionFactory.mariaDb(() -> new org.mariadb.jdbc.Driver().connect(url, new Properties()));
    }

    private static String query(String database, String sql) {
        return MariaDbServer.query("127.0.0.1", server.port(), USER, PASSWORD, database, sql).strip();
    }

    /** A keyed stand-in for the e-mail algorithm: distinct inputs give distinct addresses. */
    private static Masker email() {
        return (value, row) -> value == null
                ? null
                : "u" + HexFormat.of().toHexDigits(value.hashCode())
                        + "@example.org";
    }

    @Test
    void masksColumnsInPlaceKeepsRowsJoinsAndUniqueIndexesAndLeavesNoOriginal() throws Exception {
        String database = freshChinook();
        server.execute("CREATE UNIQUE INDEX customer_email ON `" + database + "`.`Customer` (`Email`);");
        String emailsBefore = query(database, "select Email from Customer order by CustomerId");
        String namesBefore = query(database, "select concat(FirstName, ' ', LastName) from Customer order by "
                + "CustomerId");
        Map<ColumnRef, Masker> maskers = new LinkedHashMap<>();
        maskers.put(ColumnRef.parse("customer.email"), email());
        Masker phone = (value, row) -> value == null ? null : "+1 555 " + Math.abs(value.hashCode() % 10000);
        maskers.put(ColumnRef.parse("Customer.Phone"), phone);
        // Some customers' fax number is their phone number: the leak check would find it otherwise.
        maskers.put(ColumnRef.parse("Customer.Fax"), phone);
        maskers.put(ColumnRef.parse("employee.email"), email());

        MaskingReport report = MariaDbMasking.run(connections(database), maskers, 2, CATALOG);

        assertThat(report.verification().clean()).isTrue();
        assertThat(report.outcome().rowsPerTable()).containsOnly(Map.entry("Customer", 59L), Map.entry("Employee",
                8L));
        assertThat(report.outcome().changedPerColumn()).containsEntry(new ColumnRef("Customer", "Email"), 59L);
        List<String> before = Arrays.asList(emailsBefore.split("\n"));
        List<String> after = Arrays.asList(query(database, "select Email from Customer order by CustomerId").split(
                "\n"));
        assertThat(after).hasSize(59).doesNotContainAnyElementsOf(before);
        assertThat(after.get(0)).isEqualTo(email().mask(before.get(0), Masker.Row.NONE));
        assertThat(query(database, "select concat(FirstName, ' ', LastName) from Customer order by CustomerId"))
                .isEqualTo(namesBefore);
        assertThat(query(database, "select count(*) from Invoice join Customer using (CustomerId)")).isEqualTo("412");
        assertThat(query(database, "select non_unique from information_schema.STATISTICS where table_schema = "
                + "database() and index_name = 'customer_email'")).isEqualTo("0");
    }

    @Test
    void anOriginalValueCopiedIntoAnotherColumnFailsTheRunAndNamesWhere() throws Exception {
        String database = freshChinook();
        server.execute("UPDATE `" + database + "`.`Invoice` i JOIN `" + database + "`.`Customer` c USING "
                + "(CustomerId) SET i.BillingAddress = concat('mail ', c.Email, ' please') WHERE i.InvoiceId <= 3;");

        MaskingFailure failure = catchThrowableOfType(MaskingFailure.class, () -> MariaDbMasking.run(connections(
                database), Map.of(ColumnRef.parse("customer.email"), email()), 2, CATALOG));

        assertThat(failure.getMessage()).contains("3 value(s) of Invoice.BillingAddress contain original values of "
                + "Customer.Email");
    }

    @Test
    void aRuleOnAKeyColumnIsRefusedBeforeAnythingIsWritten() throws Exception {
        String database = freshChinook();
        String emailsBefore = query(database, "select Email from Customer order by CustomerId");
        Map<ColumnRef, Masker> maskers = new LinkedHashMap<>();
        maskers.put(ColumnRef.parse("customer.email"), email());
        maskers.put(ColumnRef.parse("customer.customerid"), (value, row) -> String.valueOf(Long.parseLong(value)
                + 1000));

        MaskingFailure failure = catchThrowableOfType(MaskingFailure.class, () -> MariaDbMasking.run(connections(
                database), maskers, 2, CATALOG));

        assertThat(failure.getMessage()).contains("Table Customer finds its rows by CustomerId").contains(
                "a key column cannot be masked");
        assertThat(query(database, "select Email from Customer order by CustomerId")).isEqualTo(emailsBefore);
    }

    @Test
    void theSchemaNamesTablesAndTypesAsRulesForPostgresqlDo() throws Exception {
        String database = freshChinook();
        try (var connection = connections(database).open()) {
            DatabaseSchema schema = MariaDbSchemaReader.read(connection);

            assertThat(schema.columnInfo("customer", "email").type()).isEqualTo("varchar");
            assertThat(schema.columnInfo("customer", "email").maxLength()).isEqualTo(60);
            assertThat(schema.columnInfo("invoice", "invoicedate").type()).isEqualTo("timestamp");
            assertThat(schema.columnInfo("invoice", "total").type()).isEqualTo("numeric");
            assertThat(schema.columnInfo("invoice", "customerid").unique()).isTrue();
            assertThat(schema.foreignKeys()).anySatisfy(foreignKey -> assertThat(foreignKey.describe()).contains(
                    "Invoice(CustomerId) references Customer(CustomerId)"));
        }
    }

    @Test
    void profilingFindsThePersonalDataOfAMariaDbDatabaseAndSuggestsRulesThatMaskIt() throws Exception {
        String database = freshChinook();
        Inventory inventory;
        try (Connection connection = connections(database).open()) {
            inventory = new DatabaseProfiler(new ColumnProfiler(LocalDate.of(2026, 12, 6)), 1000).profile(connection,
                    database, (percent, step) -> {
                    });
        }

        assertThat(inventory.tablesSampled()).isEqualTo(11);
        assertThat(inventory.unreadTables()).isEmpty();
        assertThat(inventory.columns()).anySatisfy(finding -> {
            assertThat(finding.table() + "." + finding.column()).isEqualTo("Customer.Email");
            assertThat(finding.kind()).isEqualTo(PiiKind.EMAIL);
        });
        assertThat(inventory.columns()).extracting(finding -> finding.table() + "." + finding.column()).contains(
                "Customer.Phone", "Customer.FirstName", "Employee.BirthDate");
        assertThat(inventory.ruleset().rules()).isNotEmpty();
    }
}
