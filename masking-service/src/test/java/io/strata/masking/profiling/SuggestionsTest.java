package io.strata.masking.profiling;

import static io.strata.masking.profiling.Samples.column;
import static io.strata.masking.profiling.Samples.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.masking.algorithms.ColumnInfo;

/** The rule suggested for a finding fits its column: its type, length, keys and unique constraints. */
class SuggestionsTest {

    private static final List<String> BIRTH_DATES = List.of("1962-02-18", "1958-12-08", "1973-08-29");

    private final ColumnProfiler profiler = new ColumnProfiler(LocalDate.of(2025, 6, 1));

    private Finding found(ColumnInfo column, List<String> values) {
        Finding finding = profiler.profile(column, values).orElseThrow();
        if (finding.suggested() != null) {
            Samples.assertFits(finding, column);
        }
        return finding;
    }

    private static ColumnInfo unique(String name, String type, Integer maxLength) {
        return new ColumnInfo("people", name, type, maxLength, true, false);
    }

    @Test
    void aUniqueColumnGetsAnAlgorithmThatKeepsItsValuesDistinct() {
        Finding names = found(unique("first_name", "varchar", 40), Samples.dictionary("first-names"));
        assertThat(names.suggested()).isEqualTo(new SuggestedRule("unique-map", Map.of()));
        assertThat(names.note()).contains("unique-map").contains("unique constraint");

        assertThat(found(unique("phone", "varchar", 24), Samples.phones()).suggested().algorithm()).isEqualTo(
                "unique-map");
        assertThat(found(unique("ssn", "varchar", 11), Samples.ssns(true)).suggested().algorithm()).isEqualTo(
                "fpe");
        assertThat(found(unique("email", "varchar", 60), Samples.emails()).suggested().algorithm()).as(
                "email keeps values distinct").isEqualTo("email");
    }

    @Test
    void numbersAreMaskedWithUniqueMapWhichFpeCannotDo() {
        List<String> ssns = Samples.ssns(false);
        Finding finding = found(column("ssn", "int8", null), ssns);

        assertThat(finding.kind()).isEqualTo(PiiKind.NATIONAL_ID);
        assertThat(finding.suggested()).isEqualTo(new SuggestedRule("unique-map", Map.of()));
        assertThat(finding.note()).contains("fpe masks character columns");
    }

    @Test
    void aColumnTooShortForAMaskedEmailGetsUniqueMapAndSaysWhy() {
        Finding finding = found(column("email", "varchar", 20), Samples.emails());

        assertThat(finding.suggested().algorithm()).isEqualTo("unique-map");
        assertThat(finding.note()).contains("shorter domain");
    }

    @Test
    void datesOfBirthHeldAsTextAreClearedOrFixedSinceDateShiftNeedsADateType() {
        Finding nullable = found(column("dob", "varchar", 10), BIRTH_DATES);
        assertThat(nullable.suggested()).isEqualTo(new SuggestedRule("null", Map.of()));

        Finding required = found(new ColumnInfo("people", "dob", "varchar", 10, false, false), BIRTH_DATES);
        assertThat(required.suggested()).isEqualTo(new SuggestedRule("fixed", Map.of("value", "1970-01-01")));
    }

    @Test
    void whenNoAlgorithmFitsTheFindingSaysSoAndSuggestsNothing() {
        Finding finding = found(unique("birth_date", "date", null), BIRTH_DATES);

        assertThat(finding.suggested()).isNull();
        assertThat(finding.toRule()).isNull();
        assertThat(finding.note()).startsWith("No algorithm fits this column");
    }

    @Test
    void anEmailBesideNameColumnsIsMadeFromTheMaskedNamesOfItsRow() {
        List<ColumnInfo> columns = List.of(text("first_name"), text("last_name"), text("email"), text("fax"));
        Map<String, List<String>> samples = new LinkedHashMap<>();
        samples.put("first_name", Samples.dictionary("first-names"));
        samples.put("last_name", Samples.dictionary("last-names"));
        samples.put("email", Samples.emails());
        samples.put("fax", Samples.phones());

        List<Finding> findings = profiler.profileTable(columns, samples);

        assertThat(findings).extracting(Finding::column).containsExactly("first_name", "last_name", "email", "fax");
        Finding email = findings.get(2);
        assertThat(email.suggested()).isEqualTo(new SuggestedRule("email", Map.of("firstNameColumn", "first_name",
                "lastNameColumn", "last_name")));
        Samples.assertFits(email, columns.get(2));
    }

    @Test
    void aTableWithoutNameColumnsKeepsPlainEmails() {
        Map<String, List<String>> samples = Map.of("email", Samples.emails());

        List<Finding> findings = profiler.profileTable(List.of(text("email")), samples);

        assertThat(findings).singleElement().extracting(Finding::suggested).isEqualTo(new SuggestedRule("email",
                Map.of()));
    }
}
