package io.strata.masking.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.strata.masking.subset.SubsetRequest.Reference;
import io.strata.masking.subset.SubsetRequest.Root;
import io.strata.masking.subset.SubsetRequest.Unrelated;
import io.strata.masking.subset.SubsetRequest.VirtualKey;
import io.strata.masking.subset.SubsetRequestValidator.Resolved;

class SubsetRequestValidatorTest {

    private static String database;

    @BeforeAll
    static void schema() {
        database = SubsetDatabases.create("validator");
        SubsetDatabases.cluster().execute(database,
                "CREATE TABLE customer (id int PRIMARY KEY, country text, rep text)",
                "CREATE TABLE invoice (id int PRIMARY KEY, customer_id int REFERENCES customer, total numeric)",
                "CREATE SCHEMA hr", "CREATE TABLE hr.employee (login text PRIMARY KEY, name text)");
    }

    private static SubsetRequest request(List<Root> roots, VirtualKey... keys) {
        return new SubsetRequest(roots, Arrays.asList(keys), false, Unrelated.KEEP);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(SubsetRequest request, String field)
            throws SQLException {
        try (Connection connection = SubsetDatabases.connect(database)) {
            SubsetRequestValidator validator = new SubsetRequestValidator(connection, SubsetSchema.read(connection));
            return assertThatThrownBy(() -> validator.check(request)).isInstanceOf(SubsetError.class)
                    .satisfies(error -> assertThat(((SubsetError) error).field()).isEqualTo(field));
        }
    }

    @Test
    void aGoodRequestResolvesItsNames() throws SQLException {
        try (Connection connection = SubsetDatabases.connect(database)) {
            Resolved resolved = new SubsetRequestValidator(connection, SubsetSchema.read(connection)).check(request(
                    List.of(Root.where("customer", "country = 'USA'"), Root.percent("employee", 50)),
                    new VirtualKey("customer", List.of("rep"), new Reference("hr.employee", List.of("login")))));

            assertThat(resolved.roots()).extracting(root -> root.table().displayName()).containsExactly("customer",
                    "hr.employee");
            assertThat(resolved.virtualKeys()).singleElement().satisfies(key -> {
                assertThat(key.declared()).isFalse();
                assertThat(key.parent().displayName()).isEqualTo("hr.employee");
            });
        }
    }

    @Test
    void noRootIsRefused() throws SQLException {
        assertRefused(request(List.of()), "roots").hasMessageContaining("At least one root");
        assertRefused(request(Arrays.asList((Root) null)), "roots[0]");
    }

    @Test
    void anUnknownTableIsRefusedWithTheListOfTables() throws SQLException {
        assertRefused(request(List.of(Root.where("customer", "true"), Root.where("customers", "true"))),
                "roots[1].table").hasMessageContaining("'customers'")
                .hasMessageContaining("customer, hr.employee, invoice");
        assertRefused(request(List.of(new Root(" ", null, null))), "roots[0].table");
    }

    @Test
    void aWhereTheDatabaseRejectsCarriesItsMessage() throws SQLException {
        assertRefused(request(List.of(Root.where("customer", "contry = 'USA'"))), "roots[0].where")
                .hasMessageContaining("column \"contry\" does not exist");
        assertRefused(request(List.of(Root.where("customer", "country = "))), "roots[0].where")
                .hasMessageContaining("syntax error");
        assertRefused(request(List.of(Root.where("customer", " "))), "roots[0].where")
                .hasMessageContaining("leave it out");
    }

    @Test
    void aWhereThatIsMoreThanOneConditionIsRefused() throws SQLException {
        assertRefused(request(List.of(Root.where("customer", "true; DELETE FROM invoice; --"))),
                "roots[0].where").hasMessageContaining("';'");
        assertRefused(request(List.of(Root.where("customer", "true) UNION SELECT 1 FROM invoice WHERE (true"))),
                "roots[0].where").hasMessageContaining("closes a parenthesis");
    }

    @Test
    void aPercentOutsideZeroToAHundredIsRefused() throws SQLException {
        assertRefused(request(List.of(Root.percent("customer", 0))), "roots[0].percent")
                .hasMessageContaining("more than 0 and at most 100");
        assertRefused(request(List.of(Root.percent("customer", 100.5))), "roots[0].percent");
        assertRefused(request(List.of(Root.percent("customer", -3))), "roots[0].percent");
    }

    @Test
    void aVirtualKeyOnUnknownColumnsIsRefusedWithTheColumns() throws SQLException {
        List<Root> roots = List.of(Root.where("customer", "true"));
        assertRefused(request(roots, new VirtualKey("customer", List.of("rep_login"),
                new Reference("hr.employee", List.of("login")))), "virtualKeys[0].columns")
                .hasMessageContaining("'rep_login'").hasMessageContaining("id, country, rep");
        assertRefused(request(roots, new VirtualKey("customer", List.of("rep"),
                new Reference("hr.employee", List.of("id")))), "virtualKeys[0].references.columns")
                .hasMessageContaining("login, name");
        assertRefused(request(roots, new VirtualKey("customer", List.of("rep"),
                new Reference("employees", List.of("login")))), "virtualKeys[0].references.table");
        assertRefused(request(roots, new VirtualKey("customer", List.of("rep", "country"),
                new Reference("hr.employee", List.of("login")))), "virtualKeys[0].references.columns")
                .hasMessageContaining("has 2 columns but references 1");
        assertRefused(request(roots, new VirtualKey("customer", List.of(), new Reference("hr.employee",
                List.of("login")))), "virtualKeys[0].columns");
        assertRefused(request(roots, new VirtualKey("customer", List.of("id"), null)), "virtualKeys[0].references");
    }

    @Test
    void aVirtualKeyBetweenColumnsThatCannotBeComparedIsRefused() throws SQLException {
        assertRefused(request(List.of(Root.where("customer", "true")), new VirtualKey("customer", List.of("id"),
                new Reference("hr.employee", List.of("login")))), "virtualKeys[0].columns")
                .hasMessageContaining("operator does not exist");
    }

    @Test
    void aRefusedWhereLeavesTheCallersTransactionUsable() throws SQLException {
        try (Connection connection = SubsetDatabases.connect(database)) {
            connection.setAutoCommit(false);
            SubsetRequestValidator validator = new SubsetRequestValidator(connection, SubsetSchema.read(connection));

            assertThatThrownBy(() -> validator.check(request(List.of(Root.where("customer", "nope = 1")))))
                    .isInstanceOf(SubsetError.class);

            assertThat(SubsetDatabases.count(connection, "SELECT count(*) FROM customer")).isZero();
            connection.rollback();
        }
    }
}
