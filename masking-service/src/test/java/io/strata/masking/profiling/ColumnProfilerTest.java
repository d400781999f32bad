package io.strata.masking.profiling;

import static io.strata.masking.profiling.Samples.column;
import static io.strata.masking.profiling.Samples.mixed;
import static io.strata.masking.profiling.Samples.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.strata.masking.algorithms.ColumnInfo;

/** Which columns are found, how and with what evidence. */
class ColumnProfilerTest {

    private static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
            "theta", "iota", "kappa");

    private final ColumnProfiler profiler = new ColumnProfiler(LocalDate.of(2025, 6, 1));

    private Finding found(ColumnInfo column, List<String> values) {
        Optional<Finding> finding = profiler.profile(column, values);
        assertThat(finding).as(column.column() + " is found").isPresent();
        Samples.assertFits(finding.get(), column);
        return finding.get();
    }

    private void assertNothingFound(ColumnInfo column, List<String> values) {
        assertThat(profiler.profile(column, values)).as(column.column()).isEmpty();
    }

    @Test
    void aColumnNamedAndHoldingEmailsIsFoundByBothAndNullsDoNotCount() {
        List<String> values = new ArrayList<>(Samples.emails());
        values.addAll(Arrays.asList(null, null));

        Finding finding = found(text("email"), values);

        assertThat(finding.kind()).isEqualTo(PiiKind.EMAIL);
        assertThat(finding.foundBy()).isEqualTo(FoundBy.BOTH);
        assertThat(finding.evidence()).isEqualTo(1.0);
        assertThat(finding.sampledRows()).isEqualTo(12);
        assertThat(finding.sampledValues()).isEqualTo(10);
        assertThat(finding.suggested()).isEqualTo(new SuggestedRule("email", Map.of()));
    }

    @Test
    void valuesAloneMakeAFindingFromSixInTenAndThreeValues() {
        Finding sixInTen = found(text("contact"), mixed(Samples.emails(), 6, WORDS));
        assertThat(sixInTen.foundBy()).isEqualTo(FoundBy.DATA);
        assertThat(sixInTen.evidence()).isEqualTo(0.6);

        assertNothingFound(text("contact"), mixed(Samples.emails(), 5, WORDS));
        assertNothingFound(text("contact"), Samples.emails().subList(0, 2));
    }

    @Test
    void aNameAloneIsReportedWithTheEvidenceOfTheValues() {
        Finding finding = found(text("email"), mixed(Samples.emails(), 1, WORDS));

        assertThat(finding.foundBy()).isEqualTo(FoundBy.COLUMN_NAME);
        assertThat(finding.evidence()).isEqualTo(0.1);
        assertThat(found(text("email"), List.of()).evidence()).isZero();
    }

    @Test
    void phonesAreFoundWithTheirPunctuationButBareDigitsOnlyWhereTheNameSaysSo() {
        Finding phone = found(text("fax"), Samples.phones());
        assertThat(phone.kind()).isEqualTo(PiiKind.PHONE);
        assertThat(phone.foundBy()).isEqualTo(FoundBy.BOTH);
        assertThat(phone.suggested().algorithm()).isEqualTo("phone");
        assertThat(found(text("contact"), Samples.phones()).foundBy()).isEqualTo(FoundBy.DATA);

        List<String> bare = Samples.phones().stream().map(number -> number.replaceAll("\\D", "")).toList();
        assertNothingFound(text("reference"), bare);
        assertThat(found(text("mobile"), bare).foundBy()).isEqualTo(FoundBy.BOTH);
    }

    @Test
    void aNineDigitOrderNumberIsNoSsnUnlessTheValuesAreWrittenAsSsns() {
        assertNothingFound(text("order_no"), Samples.ssns(false));

        Finding named = found(text("ssn"), Samples.ssns(false));
        assertThat(named.kind()).isEqualTo(PiiKind.NATIONAL_ID);
        assertThat(named.foundBy()).isEqualTo(FoundBy.BOTH);
        assertThat(named.suggested()).isEqualTo(new SuggestedRule("fpe", Map.of()));

        Finding written = found(text("order_no"), Samples.ssns(true));
        assertThat(written.kind()).isEqualTo(PiiKind.NATIONAL_ID);
        assertThat(written.foundBy()).isEqualTo(FoundBy.DATA);
    }

    @Test
    void numbersThatCannotHaveBeenIssuedAreNoSsns() {
        List<String> invalid = List.of("000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000",
                "987-65-4321");
        assertNothingFound(text("reference"), invalid);
        assertThat(found(text("ssn"), invalid).evidence()).isZero();
    }

    @Test
    void cardNumbersMustPassTheLuhnCheck() {
        Finding card = found(text("reference"), Samples.cards(true));
        assertThat(card.kind()).isEqualTo(PiiKind.CARD_NUMBER);
        assertThat(card.foundBy()).isEqualTo(FoundBy.DATA);
        assertThat(card.suggested()).isEqualTo(new SuggestedRule("fpe", Map.of("luhn", true)));

        assertNothingFound(text("reference"), Samples.cards(false));
        Finding named = found(text("card_number"), Samples.cards(false));
        assertThat(named.foundBy()).as("a name alone").isEqualTo(FoundBy.COLUMN_NAME);
        assertThat(named.evidence()).isZero();
    }

    @Test
    void ibansAreFoundByTheirCheckDigits() {
        Finding iban = found(text("account"), Samples.IBANS);

        assertThat(iban.kind()).isEqualTo(PiiKind.IBAN);
        assertThat(iban.foundBy()).isEqualTo(FoundBy.DATA);
        assertThat(iban.suggested().algorithm()).isEqualTo("fpe");
        List<String> checkFails = Samples.IBANS.stream().map(value -> value.substring(0, value.length() - 1) + (value
                .charAt(value.length() - 1) - '0' + 1) % 10).toList();
        assertNothingFound(text("account"), checkFails);
    }

    @Test
    void namesAreFoundInTheDictionariesAndSongTitlesAreNot() {
        Finding first = found(text("first_name"), Samples.dictionary("first-names"));
        assertThat(first.kind()).isEqualTo(PiiKind.PERSON_NAME);
        assertThat(first.foundBy()).isEqualTo(FoundBy.BOTH);
        assertThat(first.suggested()).isEqualTo(new SuggestedRule("secure-lookup", Map.of("dictionary",
                "first-names")));

        Finding full = found(text("name"), Samples.fullNames());
        assertThat(full.foundBy()).isEqualTo(FoundBy.DATA);
        assertThat(full.suggested().params()).containsEntry("dictionary", "full-names");
        assertThat(found(text("holder"), Samples.dictionary("last-names")).suggested().params()).containsEntry(
                "dictionary", "last-names");

        assertNothingFound(text("name"), Samples.SONG_TITLES);
    }

    @Test
    void datesOfBirthAreFoundThroughTheName() {
        ColumnInfo birth = column("birth_date", "timestamp", null);
        List<String> dates = List.of("1962-02-18 00:00:00", "1958-12-08 00:00:00", "1973-08-29 00:00:00",
                "1947-09-19 00:00:00");

        Finding finding = found(birth, dates);

        assertThat(finding.kind()).isEqualTo(PiiKind.DATE_OF_BIRTH);
        assertThat(finding.foundBy()).isEqualTo(FoundBy.BOTH);
        assertThat(finding.suggested()).isEqualTo(new SuggestedRule("date-shift", Map.of("keep", "ageBand", "band",
                1)));
        assertNothingFound(column("hire_date", "timestamp", null), dates);
        assertThat(found(birth, List.of("2024-01-01 00:00:00", "2023-01-01 00:00:00", "1850-01-01 00:00:00",
                "1990-01-01 00:00:00")).foundBy()).as("mostly too recent or too old").isEqualTo(FoundBy.COLUMN_NAME);
    }

    @Test
    void streetAddressesAreFoundByTheirStreetWordsOrByTheName() {
        Finding address = found(text("location"), Samples.ADDRESSES);
        assertThat(address.kind()).isEqualTo(PiiKind.STREET_ADDRESS);
        assertThat(address.foundBy()).isEqualTo(FoundBy.DATA);
        assertThat(address.suggested()).isEqualTo(new SuggestedRule("address", Map.of()));

        List<String> loose = List.of("Klanova 9/506", "Qe 7 Bloco G", "12,Community Centre", "Lijnbaansgracht 120bg",
                "Erzsébet krt. 58.");
        assertNothingFound(text("location"), loose.subList(0, 3));
        assertThat(found(text("billing_address"), loose).foundBy()).isEqualTo(FoundBy.BOTH);
    }

    @Test
    void freeTextWithAFewTokensIsFoundAndTheTokensAreNamed() {
        List<String> notes = new ArrayList<>(Collections.nCopies(8, "Delivered on time, no remarks."));
        notes.add("Customer asked to be called back on +1 (555) 010-2222.");
        notes.add("New contact: jane.doe@example.com from now on.");

        Finding finding = found(text("notes"), notes);

        assertThat(finding.kind()).isEqualTo(PiiKind.FREE_TEXT_WITH_PII);
        assertThat(finding.foundBy()).isEqualTo(FoundBy.DATA);
        assertThat(finding.evidence()).isEqualTo(0.2);
        assertThat(finding.suggested()).isEqualTo(new SuggestedRule("redact", Map.of()));
        assertThat(finding.note()).contains("[email, phone]");
        assertNothingFound(text("notes"), notes.subList(0, 9));
    }

    @Test
    void numbersInsideTextMustBeFrequentToCountSinceTitlesHoldYearsAndRanges() {
        List<String> titles = new ArrayList<>(Collections.nCopies(28, "Greatest Hits"));
        titles.add("The Best Of 1980-1990");
        titles.add("Hot Rocks, 1964-1971 (Disc 1)");
        assertNothingFound(text("title"), titles);

        List<String> notes = new ArrayList<>(Collections.nCopies(98, "Paid in full."));
        notes.add("Receipt sent to jane@example.com");
        notes.add("Receipt sent to joe@example.org");
        assertThat(found(text("notes"), notes).evidence()).isEqualTo(0.02);
    }

    @Test
    void jsonIsReadAsText() {
        List<String> documents = List.of("{\"contact\": {\"email\": \"jane@example.com\"}}",
                "{\"contact\": {\"email\": \"joe@example.org\"}, \"visits\": 3}", "{\"contact\": null}");

        Finding finding = found(column("profile", "jsonb", null), documents);

        assertThat(finding.kind()).isEqualTo(PiiKind.FREE_TEXT_WITH_PII);
        assertThat(finding.suggested().algorithm()).isEqualTo("redact");
    }

    @Test
    void typesProfilingDoesNotReadAreSkipped() {
        assertThat(profiler.profile(column("email", "bytea", null), Samples.emails())).isEmpty();
        assertThat(profiler.profile(column("ssn", "bool", null), List.of("t", "f"))).isEmpty();
    }
}
