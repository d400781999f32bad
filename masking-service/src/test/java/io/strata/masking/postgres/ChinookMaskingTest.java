package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.strata.masking.algorithms.Masker;
import io.strata.testing.PostgresCluster;

/** Masking the Chinook sample database in place, against a real PostgreSQL. */
class ChinookMaskingTest {

    /** The music catalog: song titles and composers share words with people's names by chance. */
    private static final Set<ColumnRef> CATALOG = Set.of(ColumnRef.parse("track.name"), ColumnRef.parse(
            "track.composer"), ColumnRef.parse("album.title"), ColumnRef.parse("artist.name"));

    private static final String CATALOG_STATE = "select 'c:' || conname || ' ' || pg_get_constraintdef(oid) || ' '"
            + " || convalidated from pg_constraint where connamespace = 'public'::regnamespace union all "
            + "select 'i:' || indexname || ' ' || indexdef from pg_indexes where schemaname = 'public' union all "
            + "select 't:' || tgname || ' ' || tgenabled::text from pg_trigger where not tgisinternal union all "
            + "select 'd:' || coalesce(obj_description(oid), '') from pg_class where relname in "
            + "('customer', 'customer_support_rep_id_idx') union all "
            + "select 'k:' || coalesce(obj_description(oid), '') from pg_constraint "
            + "where conname = 'invoice_customer_id_fkey' union all "
            + "select 'x:' || indexrelid::regclass from pg_index where indisclustered union all "
            + "select 'g:' || relacl::text from pg_class where relname = 'customer' union all "
            + "select 's:' || last_value from customer_number";

    @Test
    void maskingKeepsRowsJoinsKeysIndexesAndEverythingElseAndLeavesNoOriginal() throws SQLException {
        String database = Chinook.load();
        String role = "reader_" + database;
        PostgresCluster.shared().execute(database, "create sequence customer_number",
                "select setval('customer_number', 59)", "create role " + role,
                "grant select on customer to " + role, "comment on table customer is 'people who buy'",
                "comment on index customer_support_rep_id_idx is 'rep lookups'",
                "comment on constraint invoice_customer_id_fkey on invoice is 'who paid'",
                "alter table customer cluster on customer_pkey",
                "create view customer_names as select first_name, last_name from customer",
                "create materialized view customer_contacts as select email, phone from customer",
                "create function refuse() returns trigger language plpgsql as "
                        + "$$ begin raise exception 'read-only'; end $$",
                "create trigger customer_read_only before insert on customer for each row execute function refuse()",
                "create trigger employee_read_only before insert on employee for each row execute function refuse()",
                "alter table employee enable always trigger employee_read_only");
        List<String> catalogBefore = strings(database, CATALOG_STATE);
        Map<String, Long> rowsBefore = rowCounts(database);
        List<String> emails = strings(database, "select email from customer");
        List<String> customersBefore = strings(database, "select concat_ws('|', first_name, last_name, email, phone) "
                + "from customer order by customer_id");

        MaskingReport report = PostgresMasking.run(Chinook.connections(database), customerMaskers(), 2, CATALOG);

        assertThat(report.verification().clean()).isTrue();
        assertThat(report.outcome().rowsPerTable()).containsOnly(Map.entry("customer", 59L), Map.entry("employee",
                8L), Map.entry("invoice", 412L));
        assertThat(report.outcome().changedPerColumn()).containsEntry(ColumnRef.parse("customer.email"), 59L)
                .containsEntry(ColumnRef.parse("employee.last_name"), 8L);
        assertThat(rowCounts(database)).isEqualTo(rowsBefore);
        assertThat(strings(database, "select count(*) from invoice join customer using (customer_id)")).containsExactly(
                "412");
        assertThat(strings(database, "select count(*) from customer join employee on support_rep_id = employee_id"))
                .containsExactly("59");
        List<String> customersAfter = strings(database, "select concat_ws('|', first_name, last_name, email, phone) "
                + "from customer order by customer_id");
        for (int i = 0; i < customersBefore.size(); i++) {
            assertThat(customersAfter.get(i)).isNotEqualTo(customersBefore.get(i));
        }
        assertThat(rowsContaining(database, emails)).isEmpty();
        assertThat(strings(database, CATALOG_STATE)).containsExactlyInAnyOrderElementsOf(catalogBefore);
        assertThat(strings(database, "select count(*) from pg_constraint where contype = 'f' and convalidated"))
                .containsExactly("11");
        assertThat(strings(database, "select count(*) from customer_names")).containsExactly("59");
    }

    @Test
    void aMaskerThatMakesKeyValuesCollideFailsNamingTheConstraintAndLeavesTheTableAsItWas() throws SQLException {
        String database = Chinook.load();
        List<String> before = strings(database, "select customer_id || email from customer order by 1");
        Map<ColumnRef, Masker> maskers = Map.of(ColumnRef.parse("customer.customer_id"), (value, row) -> String
                .valueOf(Integer.parseInt(value) % 7));

        MaskingFailure failure = catchThrowableOfType(() -> PostgresMasking.run(Chinook.connections(database),
                maskers, 2), MaskingFailure.class);

        assertThat(failure.getMessage()).contains("primary key customer_pkey", "customer.customer_id").doesNotContain(
                "Key (");
        assertThat(strings(database, "select customer_id || email from customer order by 1")).isEqualTo(before);
        assertThat(strings(database, "select convalidated from pg_constraint where conname = "
                + "'invoice_customer_id_fkey'")).containsExactly("t");
    }

    @Test
    void aKeyMaskedOnOneSideOfAForeignKeyOnlyFailsNamingTheForeignKey() {
        String database = Chinook.load();
        Map<ColumnRef, Masker> maskers = Map.of(ColumnRef.parse("customer.customer_id"), (value, row) -> String
                .valueOf(Integer.parseInt(value) + 1000));

        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), maskers, 2)).isInstanceOf(
                MaskingFailure.class).hasMessageContaining(
                        "invoice_customer_id_fkey (invoice(customer_id) "
                                + "references customer(customer_id))");
    }

    @Test
    void anEmailCopiedIntoAnotherColumnIsFoundThere() {
        String database = Chinook.load();
        PostgresCluster.shared().execute(database, "update invoice set billing_address = c.email from customer c "
                + "where c.customer_id = invoice.customer_id and invoice_id = 1",
                "update invoice set billing_address = 'Send to ' || upper(c.email) || ' please' from customer c "
                        + "where c.customer_id = invoice.customer_id and invoice_id in (2, 3)");
        Map<ColumnRef, Masker> maskers = Map.of(ColumnRef.parse("customer.email"), HmacMaskers.email());

        MaskingFailure failure = catchThrowableOfType(() -> PostgresMasking.run(Chinook.connections(database),
                maskers, 2), MaskingFailure.class);

        ColumnRef email = ColumnRef.parse("customer.email");
        assertThat(failure.verification().leaks()).containsExactly(new Leak("invoice", "billing_address",
                Leak.Kind.OTHER_COLUMN, email, 1),
                new Leak("invoice", "billing_address", Leak.Kind.INSIDE_TEXT,
                        email, 2));
        assertThat(failure.getMessage()).contains("add a rule for invoice.billing_address").doesNotContain("@");
    }

    @Test
    void aFaxThatRepeatsThePhoneIsFoundWhenOnlyThePhoneIsMasked() {
        String database = Chinook.load();
        Map<ColumnRef, Masker> maskers = Map.of(ColumnRef.parse("customer.phone"), HmacMaskers.phone());

        MaskingFailure failure = catchThrowableOfType(() -> PostgresMasking.run(Chinook.connections(database),
                maskers, 1), MaskingFailure.class);

        assertThat(failure.verification().leaks()).extracting(Leak::table, Leak::column, Leak::kind, Leak::source)
                .containsExactly(tuple("customer", "fax", Leak.Kind.OTHER_COLUMN,
                        ColumnRef.parse("customer.phone")));
    }

    private static Map<ColumnRef, Masker> customerMaskers() {
        Map<ColumnRef, Masker> maskers = new LinkedHashMap<>();
        maskers.put(ColumnRef.parse("customer.first_name"), HmacMaskers.name(12));
        maskers.put(ColumnRef.parse("customer.last_name"), HmacMaskers.name(12));
        maskers.put(ColumnRef.parse("customer.email"), HmacMaskers.email());
        maskers.put(ColumnRef.parse("public.customer.phone"), HmacMaskers.phone());
        maskers.put(ColumnRef.parse("customer.fax"), HmacMaskers.phone());
        maskers.put(ColumnRef.parse("customer.address"), HmacMaskers.hex(24));
        maskers.put(ColumnRef.parse("employee.first_name"), HmacMaskers.name(12));
        maskers.put(ColumnRef.parse("employee.last_name"), HmacMaskers.name(12));
        maskers.put(ColumnRef.parse("invoice.billing_address"), HmacMaskers.hex(24));
        return maskers;
    }

    private static Map<String, Long> rowCounts(String database) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : strings(database, "select relname from pg_class where relkind = 'r' and "
                + "relnamespace = 'public'::regnamespace order by 1")) {
            counts.put(table, Long.parseLong(strings(database, "select count(*) from " + table).get(0)));
        }
        return counts;
    }

    /** The tables whose rows contain any of the values, anywhere in any column, in any case. */
    private static List<String> rowsContaining(String database, List<String> values) throws SQLException {
        List<String> found = new ArrayList<>();
        String patterns = "array[" + String.join(", ", values.stream().map(value -> "'%" + value.toLowerCase(
                Locale.ROOT) + "%'").toList()) + "]";
        for (String table : rowCounts(database).keySet()) {
            if (!strings(database, "select 1 from " + table + " t where lower(t::text) like any (" + patterns
                    + ") limit 1").isEmpty()) {
                found.add(table);
            }
        }
        return found;
    }

    static List<String> strings(String database, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = PostgresCluster.shared().connect(database);
                Statement statement = connection
                        .createStatement();
                ResultSet row = statement.executeQuery(query)) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }
}
