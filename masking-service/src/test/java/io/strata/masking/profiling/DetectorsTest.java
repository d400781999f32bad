package io.strata.masking.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.strata.masking.algorithms.SensitiveTokens.Kind;
import io.strata.masking.profiling.Detectors.Match;

class DetectorsTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    @Test
    void anEmailIsAWholeAddress() {
        assertThat(Detectors.email("jane.doe@example.com")).isEqualTo(Match.STRONG);
        assertThat(Detectors.email(" luisg@embraer.com.br ")).isEqualTo(Match.STRONG);
        assertThat(Detectors.email("write to jane.doe@example.com")).isEqualTo(Match.NONE);
        assertThat(Detectors.email("jane@")).isEqualTo(Match.NONE);
        assertThat(Detectors.email("@example.com")).isEqualTo(Match.NONE);
    }

    @Test
    void aPhoneNumberIsStrongWithItsPunctuationAndLooseAsBareDigits() {
        assertThat(Detectors.phone("+1 (780) 428-9482")).isEqualTo(Match.STRONG);
        assertThat(Detectors.phone("+49 0711 2842222")).isEqualTo(Match.STRONG);
        assertThat(Detectors.phone("+54 (0)11 4311 4333")).isEqualTo(Match.STRONG);
        assertThat(Detectors.phone("5550109999")).isEqualTo(Match.LOOSE);
        assertThat(Detectors.phone("12345")).isEqualTo(Match.NONE);
        assertThat(Detectors.phone("94043-1351")).as("a ZIP+4 code").isEqualTo(Match.NONE);
        assertThat(Detectors.phone("1 000 000")).as("a number grouped by thousands").isEqualTo(Match.NONE);
    }

    @Test
    void anSsnIsNineDigitsThatCouldHaveBeenIssued() {
        assertThat(Detectors.nationalId("123-45-6789")).isEqualTo(Match.STRONG);
        assertThat(Detectors.nationalId("123456789")).as("bare digits: an order number's shape too")
                .isEqualTo(Match.LOOSE);
        assertThat(Detectors.nationalId("000-12-3456")).isEqualTo(Match.NONE);
        assertThat(Detectors.nationalId("666-12-3456")).isEqualTo(Match.NONE);
        assertThat(Detectors.nationalId("912-34-5678")).isEqualTo(Match.NONE);
        assertThat(Detectors.nationalId("123-00-4567")).isEqualTo(Match.NONE);
        assertThat(Detectors.nationalId("123-45-0000")).isEqualTo(Match.NONE);
        assertThat(Detectors.nationalId("12-345-6789")).isEqualTo(Match.NONE);
        assertThat(Detectors.nationalId("1234567890")).isEqualTo(Match.NONE);
    }

    @Test
    void aCardNumberPassesTheLuhnCheck() {
        assertThat(Detectors.card("4111 1111 1111 1111")).isEqualTo(Match.STRONG);
        assertThat(Detectors.card("5500-0000-0000-0004")).isEqualTo(Match.STRONG);
        assertThat(Detectors.card("378282246310005")).isEqualTo(Match.STRONG);
        assertThat(Detectors.card("4111111111111112")).as("Luhn fails").isEqualTo(Match.NONE);
        assertThat(Detectors.card("411111111116")).as("12 digits").isEqualTo(Match.NONE);
    }

    @Test
    void anIbanPassesItsMod97Check() {
        assertThat(Detectors.iban("DE89 3704 0044 0532 0130 00")).isEqualTo(Match.STRONG);
        assertThat(Detectors.iban("GB82WEST12345698765432")).isEqualTo(Match.STRONG);
        assertThat(Detectors.iban("DE89370400440532013001")).isEqualTo(Match.NONE);
        assertThat(Detectors.iban("DE89")).isEqualTo(Match.NONE);
    }

    @Test
    void aDateOfBirthIsOnlyEverLooseBetween1900AndTenYearsAgo() {
        assertThat(Detectors.birthDate("1962-02-18 00:00:00", TODAY)).isEqualTo(Match.LOOSE);
        assertThat(Detectors.birthDate("2015-06-01", TODAY)).isEqualTo(Match.LOOSE);
        assertThat(Detectors.birthDate("2015-06-02", TODAY)).isEqualTo(Match.NONE);
        assertThat(Detectors.birthDate("1899-12-31", TODAY)).isEqualTo(Match.NONE);
        assertThat(Detectors.birthDate("1985-02-30", TODAY)).isEqualTo(Match.NONE);
        assertThat(Detectors.birthDate("18/02/1962", TODAY)).isEqualTo(Match.NONE);
    }

    @Test
    void aStreetAddressIsANumberAndWordsAndStrongWithAStreetWord() {
        assertThat(Detectors.streetAddress("12 Elm Street")).isEqualTo(Match.STRONG);
        assertThat(Detectors.streetAddress("Theodor-Heuss-Straße 34")).isEqualTo(Match.STRONG);
        assertThat(Detectors.streetAddress("Av. Brigadeiro Faria Lima, 2170")).isEqualTo(Match.STRONG);
        assertThat(Detectors.streetAddress("Praça Pio X, 119")).isEqualTo(Match.STRONG);
        assertThat(Detectors.streetAddress("Klanova 9/506")).isEqualTo(Match.LOOSE);
        assertThat(Detectors.streetAddress("Qe 7 Bloco G")).isEqualTo(Match.LOOSE);
        assertThat(Detectors.streetAddress("Elm Street")).isEqualTo(Match.NONE);
        assertThat(Detectors.streetAddress("+1 (780) 428-9482")).isEqualTo(Match.NONE);
        assertThat(Detectors.streetAddress("12 " + "Elm Street ".repeat(20))).as("longer than an address")
                .isEqualTo(Match.NONE);
    }

    @Test
    void freeTextHoldsTokensInsideOtherText() {
        assertThat(Detectors.insideText("Call +1 (555) 010-9999 or write to jane@example.com", false))
                .containsExactlyInAnyOrder(Kind.PHONE, Kind.EMAIL);
        assertThat(Detectors.insideText("paid with 4111 1111 1111 1111, SSN 123-45-6789", false))
                .containsExactlyInAnyOrder(Kind.CARD, Kind.SSN);
        assertThat(Detectors.insideText("{\"contact\": {\"email\": \"jane@example.com\"}, \"n\": 3}", true))
                .containsExactly(Kind.EMAIL);
        assertThat(Detectors.insideText("jane@example.com", false)).as("a value that is one token").isEmpty();
        assertThat(Detectors.insideText("Order 12 shipped on 2009-01-02", false)).isEmpty();
    }

    @Test
    void textWithAnEmailOrAnIbanInsideMatchesStronglyAndWithNumbersOnlyLoosely() {
        assertThat(Detectors.freeTextMatch(Set.of(Kind.EMAIL, Kind.PHONE))).isEqualTo(Match.STRONG);
        assertThat(Detectors.freeTextMatch(Set.of(Kind.IBAN))).isEqualTo(Match.STRONG);
        assertThat(Detectors.freeTextMatch(Set.of(Kind.PHONE, Kind.SSN, Kind.CARD))).isEqualTo(Match.LOOSE);
        assertThat(Detectors.freeTextMatch(Set.of())).isEqualTo(Match.NONE);
    }
}
