package io.strata.masking.postgres;

import static io.strata.masking.postgres.ChinookMaskingTest.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.masking.algorithms.Masker;
import io.strata.masking.algorithms.RuleError;
import io.strata.testing.PostgresCluster;

/** The shapes of table Chinook lacks: identities, generated columns, inheritance, no key, odd values, schemas. */
class InPlaceMaskingTest {

    private static final String ODD = "tab\there, new\nline, back\\slash, \\N, Gonçalves 😀";

    @Test
    void tablesOfEveryShapeAreMaskedAndKeepWhatIsNotMasked() throws SQLException {
        String database = database("create schema crm",
                "create table crm.people (id int generated always as identity primary key, name text not null "
                        + "unique, note text, shout text generated always as (upper(name)) stored)",
                "insert into crm.people (name, note) values ('Alice Liddell', 'keep me'), ('Bob Dylan', null), "
                        + "(E'" + ODD.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") + "', 'x')",
                "create table log (line text, at timestamptz default now())",
                "insert into log (line) select 'line ' || i from generate_series(1, 1000) i",
                "insert into log (line) values (null)",
                "create table parent (v text)", "create table child () inherits (parent)",
                "insert into parent values ('parent row')", "insert into child values ('child row')");
        Masker name = (value, row) -> "M" + HmacMaskers.hmac(value).substring(0, 10);
        Masker noteFollowsName = (value, row) -> value == null
                ? null
                : "note of " + HmacMaskers.hmac(row.original(
                        "name")).substring(0, 6);
        Map<ColumnRef, Masker> maskers = Map.of(ColumnRef.parse("crm.people.name"), name, ColumnRef.parse(
                "crm.people.note"), noteFollowsName, ColumnRef.parse("log.line"), HmacMaskers.hex(20),
                ColumnRef
                        .parse("parent.v"),
                HmacMaskers.hex(8));

        MaskingReport report = PostgresMasking.run(Chinook.connections(database), maskers, 3);

        assertThat(report.outcome().rowsPerTable()).containsOnly(Map.entry("crm.people", 3L), Map.entry("log",
                1001L), Map.entry("parent", 1L));
        assertThat(report.outcome().valuesPerColumn()).containsEntry(ColumnRef.parse("log.line"), 1000L);
        assertThat(report.outcome().changedPerColumn()).containsEntry(ColumnRef.parse("log.line"), 1000L);
        assertThat(strings(database, "select id || ' ' || name || ' ' || shout || ' ' || coalesce(note, '-') "
                + "from crm.people order by id")).containsExactly(row(1, "Alice Liddell", "Alice Liddell"), row(2,
                        "Bob Dylan", null), row(3, ODD, ODD));
        assertThat(strings(database, "select count(*) from log where line is null")).containsExactly("1");
        // COPY and TRUNCATE ONLY leave the inheritance child alone.
        assertThat(strings(database, "select v from parent")).containsExactlyInAnyOrder("child row", HmacMaskers
                .hmac("parent row").substring(0, 8));
        // The identity's sequence was not restarted: the next row gets the next id.
        PostgresCluster.shared().execute(database, "insert into crm.people (name) values ('Carol')");
        assertThat(strings(database, "select max(id) from crm.people")).containsExactly("4");
    }

    @Test
    void aTableOfManyChunksKeepsItsRowOrderAndEveryRowIsMaskedOnce() throws SQLException {
        // About 45 bytes a row: several chunks of ChunkWorkers.CHUNK_BYTES, masked by several workers at once.
        String database = database("create table big (id int, label text, other text)",
                "insert into big select i, 'label number ' || i, 'other ' || i from generate_series(1, 60000) i");
        Map<ColumnRef, Masker> maskers = Map.of(ColumnRef.parse("big.label"), HmacMaskers.hex(20));

        MaskingReport report = PostgresMasking.run(Chinook.connections(database), maskers, 3);

        assertThat(report.outcome().rows()).isEqualTo(60_000);
        assertThat(report.outcome().changedPerColumn()).containsEntry(ColumnRef.parse("big.label"), 60_000L);
        assertThat(strings(database, "select count(*) from (select id, lag(id) over (order by ctid) previous "
                + "from big) r where id <= previous")).containsExactly("0");
        assertThat(strings(database, "select count(*) from big where other <> 'other ' || id or label like 'l%'"))
                .containsExactly("0");
        assertThat(strings(database, "select label from big where id in (1, 17000, 60000) order by id"))
                .containsExactly(HmacMaskers.hmac("label number 1").substring(0, 20), HmacMaskers.hmac(
                        "label number 17000").substring(0, 20), HmacMaskers.hmac("label number 60000").substring(0,
                                20));
    }

    @Test
    void aMaskerThatFailsInALaterChunkNamesItsRow() throws SQLException {
        String database = database("create table big (id int, label text)",
                "insert into big select i, 'label number ' || i from generate_series(1, 60000) i");
        Masker failsOnce = (value, row) -> {
            if ("label number 45000".equals(value)) {
                throw new IllegalArgumentException("cannot mask this one");
            }
            return value.toUpperCase(Locale.ROOT);
        };

        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "big.label"), failsOnce), 2)).isInstanceOf(MaskingFailure.class).hasMessageContaining(
                        "failed on row 45000");
        assertThat(strings(database, "select count(*) from big where label like 'label number %'"))
                .containsExactly("60000");
    }

    @Test
    void partitionsAreMaskedOneByOneWithTheForeignKeysOfTheirParent() throws SQLException {
        String database = database("create table event (id int, at date, who text, primary key (id, at)) "
                + "partition by range (at)",
                "create table event_2024 partition of event for values from ('2024-01-01') to ('2025-01-01')",
                "create table event_2025 partition of event for values from ('2025-01-01') to ('2026-01-01')",
                "create index event_who on event (who)",
                "create table event_note (event_id int, event_at date, body text, "
                        + "foreign key (event_id, event_at) references event)",
                "insert into event select i, date '2024-06-01' + i, 'person ' || i from generate_series(1, 400) i",
                "insert into event_note select id, at, 'about ' || id from event");
        Map<ColumnRef, Masker> maskers = Map.of(ColumnRef.parse("event_2024.who"), HmacMaskers.hex(12), ColumnRef
                .parse("event_2025.who"), HmacMaskers.hex(12));

        MaskingReport report = PostgresMasking.run(Chinook.connections(database), maskers, 2);

        assertThat(report.outcome().rows()).isEqualTo(400);
        assertThat(strings(database, "select count(*) from event where who like 'person%'")).containsExactly("0");
        assertThat(strings(database, "select count(*) from event_note join event on (event_id, event_at) = (id, at)"))
                .containsExactly("400");
        assertThat(strings(database, "select count(*) from pg_constraint where contype = 'f' and convalidated"))
                .containsExactly("3");
    }

    @Test
    void aForeignKeyFromColumnsNotMaskedToATableNotMaskedStaysAndTheOthersComeBackChecked() throws SQLException {
        String database = database("create table customer (id int primary key, name text)",
                "create table purchase (id int primary key, customer_id int not null references customer, "
                        + "buyer text, tag text, tag_copy text generated always as (tag) stored)",
                "create table label (tag text primary key)",
                "alter table purchase add constraint purchase_tag_copy_fkey foreign key (tag_copy) references label",
                "create table refund (purchase_id int references purchase, note text)",
                "insert into customer select i, 'customer ' || i from generate_series(1, 50) i",
                "insert into label values ('red'), ('blue')",
                "insert into purchase select i, 1 + i % 50, 'buyer ' || i, "
                        + "case when i % 2 = 0 then 'red' else 'blue' end from generate_series(1, 500) i",
                "insert into refund select i, 'refund of ' || i from generate_series(1, 500, 5) i",
                // A dependent view keeps purchase in place rather than rebuilt, so the foreign key that stays keeps
                // its oid; TableRebuildTest has a rebuilt table's.
                "create view purchase_buyers as select buyer from purchase");
        String constraints = "select conname || ' ' || oid from pg_constraint where contype = 'f' order by conname";
        List<String> before = strings(database, constraints);

        MaskingReport report = PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "purchase.buyer"), HmacMaskers.hex(12)), 2);

        assertThat(report.outcome().rows()).isEqualTo(500);
        List<String> after = strings(database, constraints);
        // Kept: the same constraint, by its oid. Dropped and added again: refund's, which references the rewritten
        // table, and the one from a generated column, which PostgreSQL computes again while loading.
        assertThat(after).hasSize(3).contains(before.stream().filter(line -> line.startsWith(
                "purchase_customer_id_fkey")).findFirst().orElseThrow()).doesNotContain(before.stream().filter(
                        line -> !line.startsWith("purchase_customer_id_fkey")).toArray(String[]::new));
        assertThat(strings(database, "select count(*) from pg_constraint where contype = 'f' and convalidated"))
                .containsExactly("3");
        assertThat(strings(database, "select count(*) from purchase p join customer c on c.id = p.customer_id "
                + "where p.buyer not like 'buyer %'")).containsExactly("500");
    }

    @Test
    void aUniqueIndexThatNoLongerHoldsFailsItsTableNamingTheIndex() throws SQLException {
        String database = database("create table tag (label text)", "create unique index tag_label on tag (label)",
                "insert into tag values ('first'), ('second')");

        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "tag.label"), (value, row) -> "same"), 1)).isInstanceOf(MaskingFailure.class).hasMessageContaining(
                        "unique index tag_label of tag (label) no longer holds")
                .hasMessageContaining(
                        "tag.label collide");
        assertThat(strings(database, "select label from tag order by 1")).containsExactly("first", "second");
    }

    @Test
    void aMaskedValueTheColumnRefusesFailsNamingTheColumnButNotTheValue() {
        String database = database("create table card (number varchar(4))", "insert into card values ('1234')");

        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "card.number"), (value, row) -> "secret-too-long"), 1)).isInstanceOf(MaskingFailure.class)
                .hasMessageContaining("value too long for type character varying(4) (column number)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMaskerThatThrowsFailsItsTableNamingTheColumnAndTheRow() throws SQLException {
        String database = database("create table city (name text)", "insert into city values ('Lisbon'), ('Porto')");
        Masker refusesPorto = (value, row) -> {
            if (value.equals("Porto")) {
                throw new IllegalArgumentException("cannot mask this one");
            }
            return "City";
        };

        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "city.name"), refusesPorto), 1)).isInstanceOf(MaskingFailure.class).hasMessageContaining(
                        "The masker of city.name failed on row 2 (IllegalArgumentException: cannot mask this one)");
        assertThat(strings(database, "select name from city order by 1")).containsExactly("Lisbon", "Porto");
    }

    @Test
    void aMaskerThatChangesNothingIsTakenForAMistake() {
        String database = database("create table note (body text)",
                "insert into note select 'note number ' || i from generate_series(1, 20) i");

        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "note.body"), (value, row) -> value), 1)).isInstanceOf(MaskingFailure.class).hasMessageContaining(
                        "changed none of the 20 values of note.body");
    }

    @Test
    void unknownAndGeneratedColumnsAreRuleErrorsBeforeAnythingIsTouched() throws SQLException {
        String database = database("create table person (name text, shout text generated always as (upper(name)) "
                + "stored)", "insert into person values ('Alice')");

        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "persn.name"), HmacMaskers.hex(4)), 1)).isInstanceOf(RuleError.class).hasMessageContaining(
                        "nearest that name are person");
        assertThatThrownBy(() -> PostgresMasking.run(Chinook.connections(database), Map.of(ColumnRef.parse(
                "person.shout"), HmacMaskers.hex(4)), 1)).isInstanceOf(RuleError.class).hasMessageContaining(
                        "generated column");
        assertThat(strings(database, "select name from person")).containsExactly("Alice");
    }

    private static String row(int id, String originalName, String originalNote) {
        String masked = "M" + HmacMaskers.hmac(originalName).substring(0, 10);
        String note = originalNote == null ? "-" : "note of " + HmacMaskers.hmac(originalName).substring(0, 6);
        return id + " " + masked + " " + masked.toUpperCase(Locale.ROOT) + " " + note;
    }

    private static String database(String... statements) {
        PostgresCluster cluster = PostgresCluster.shared();
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        cluster.execute(database, statements);
        return database;
    }
}
