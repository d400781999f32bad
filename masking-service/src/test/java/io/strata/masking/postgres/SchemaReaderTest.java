package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.strata.masking.algorithms.ColumnInfo;
import io.strata.masking.algorithms.RuleError;
import io.strata.testing.PostgresCluster;

class SchemaReaderTest {

    private static DatabaseSchema schema;

    @BeforeAll
    static void readChinookWithAFewMoreKinds() throws SQLException {
        String database = Chinook.load();
        PostgresCluster.shared().execute(database, "create schema sales",
                "create table sales.region (id int primary key, code text unique, "
                        + "label text generated always as (upper(code)) stored, tags text[], extra jsonb, at date)",
                "create unique index region_lower_code on sales.region (lower(code))",
                "alter table customer add column region_id int references sales.region (id) deferrable",
                "create materialized view customer_emails as select email from customer", "analyze customer");
        schema = SchemaReader.read(Chinook.connections(database));
    }

    @Test
    void everyOrdinaryTableIsReadWithItsColumnsInOrder() {
        assertThat(schema.tables()).extracting(TableSchema::displayName).containsExactly("album", "artist",
                "customer", "employee", "genre", "invoice", "invoice_line", "media_type", "playlist",
                "playlist_track", "track", "sales.region");
        TableSchema customer = schema.table("customer");
        assertThat(customer.columns()).extracting(ColumnSchema::name).startsWith("customer_id", "first_name",
                "last_name").endsWith("support_rep_id", "region_id");
        assertThat(customer.column("first_name")).contains(new ColumnSchema("first_name", "varchar", 40, false,
                false, true));
        assertThat(customer.column("company")).contains(new ColumnSchema("company", "varchar", 80, true, false,
                true));
        assertThat(customer.column("customer_id")).contains(new ColumnSchema("customer_id", "int4", null, false,
                false, false));
        assertThat(customer.rowEstimate()).isEqualTo(59);
        assertThat(schema.materializedViews()).extracting(TableSchema::displayName).containsExactly(
                "customer_emails");
    }

    @Test
    void keysIndexesAndForeignKeysAreReadWithTheirDefinitions() {
        TableSchema invoice = schema.table("invoice");
        assertThat(invoice.primaryKey()).hasValueSatisfying(key -> {
            assertThat(key.name()).isEqualTo("invoice_pkey");
            assertThat(key.columns()).containsExactly("invoice_id");
            assertThat(key.definition()).isEqualTo("PRIMARY KEY (invoice_id)");
        });
        assertThat(invoice.otherIndexes()).extracting(IndexSchema::name, IndexSchema::definition).containsExactly(
                tuple("invoice_customer_id_idx",
                        "CREATE INDEX invoice_customer_id_idx ON public.invoice USING btree (customer_id)"));
        assertThat(invoice.foreignKeys()).containsExactly(new ForeignKey("invoice_customer_id_fkey", "invoice",
                "\"public\".\"invoice\"", List.of("customer_id"), "customer", List.of(
                        "customer_id"),
                false, true, "FOREIGN KEY (customer_id) REFERENCES customer(customer_id)",
                null));
        assertThat(schema.foreignKeys()).hasSize(12);
        assertThat(schema.table("customer").foreignKeys()).filteredOn(ForeignKey::deferrable).extracting(
                ForeignKey::referencedTable).containsExactly("sales.region");

        TableSchema region = schema.table("sales.region");
        assertThat(region.uniqueConstraints()).extracting(KeyConstraint::name).containsExactly("region_code_key");
        assertThat(region.uniqueIndexes()).extracting(IndexSchema::name).containsExactly("region_lower_code");
        assertThat(region.column("label")).hasValueSatisfying(label -> assertThat(label.generated()).isTrue());
        assertThat(region.columns()).filteredOn(ColumnSchema::textLike).extracting(ColumnSchema::name)
                .containsExactly("code", "label", "tags", "extra");
    }

    @Test
    void aColumnIsUniqueWhenItIsInAKeyAUniqueConstraintOrAForeignKey() {
        assertThat(schema.columnInfo("customer", "customer_id")).isEqualTo(new ColumnInfo("customer",
                "customer_id", "int4", null, true, false));
        assertThat(schema.columnInfo("public.customer", "support_rep_id").unique()).isTrue();
        assertThat(schema.columnInfo("customer", "email")).isEqualTo(new ColumnInfo("customer", "email",
                "varchar", 60, false, false));
        assertThat(schema.columnInfo("sales.region", "code").unique()).isTrue();
        assertThat(schema.columnInfo("sales.region", "label").unique()).isFalse();
        assertThat(schema.columnInfo("Customer", "EMAIL").column()).isEqualTo("email");
    }

    @Test
    void anUnknownTableOrColumnIsARuleErrorNamingTheNearestNames() {
        RuleError table = catchThrowableOfType(() -> schema.columnInfo("custmer", "email"), RuleError.class);
        assertThat(table.field()).isEqualTo("table");
        assertThat(table.getMessage()).contains("no table 'custmer'", "nearest that name are customer,",
                "12 tables in all");

        RuleError inOtherSchema = catchThrowableOfType(() -> schema.table("region"), RuleError.class);
        assertThat(inOtherSchema.getMessage()).contains("sales.region");

        RuleError column = catchThrowableOfType(() -> schema.columnInfo("customer", "emial"), RuleError.class);
        assertThat(column.field()).isEqualTo("column");
        assertThat(column.getMessage()).contains("Table customer has no column 'emial'", "are email,");
    }
}
