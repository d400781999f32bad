package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FpeAlgorithmTest {

    static final FpeAlgorithm FPE = new FpeAlgorithm();
    static final ColumnInfo CARDS = new ColumnInfo("payments", "card", "varchar", 19, false, true);
    static final MaskingKey KEY = TestMaskingKeys.key("fpe", "one");

    static Masker masker(Map<String, Object> params, MaskingKey key) {
        return FPE.create(new MaskingRule("payments", "card", "fpe", params), CARDS, key);
    }

    @Test
    void aValidCardNumberStaysValidAndKeepsItsDashes() {
        Masker masker = masker(Map.of("luhn", true), KEY);
        Random random = new Random(1);
        Set<String> masked = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String card = validCard(random);
            String dashed = card.replaceAll("(\\d{4})(?!$)", "$1-");

            String result = masker.mask(card, Masker.Row.NONE);
            assertThat(result).matches("\\d{16}").isNotEqualTo(card);
            assertThat(luhnValid(result)).as(result).isTrue();
            assertThat(masker.mask(dashed, Masker.Row.NONE)).isEqualTo(result.replaceAll("(\\d{4})(?!$)", "$1-"));
            masked.add(result);
        }

        assertThat(masked).hasSize(5_000);
        assertThat(masker.mask("4111-1111-1111-1111", Masker.Row.NONE)).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");
    }

    @Test
    void withLuhnNumbersThatDifferOnlyInTheCheckDigitStayDistinct() {
        Masker masker = masker(Map.of("luhn", true), KEY);
        Random random = new Random(3);
        Set<String> masked = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String payload = validCard(random).substring(0, 15);
            for (int check = 0; check < 10; check++) {
                String card = payload + check;
                String result = masker.mask(card, Masker.Row.NONE);
                assertThat(luhnValid(result)).isEqualTo(luhnValid(card));
                masked.add(result);
            }
        }

        assertThat(masked).hasSize(5_000);
    }

    @Test
    void withoutLuhnTheLastDigitIsEncryptedToo() {
        String masked = masker(Map.of(), KEY).mask("4111111111111111", Masker.Row.NONE);

        assertThat(masked).matches("\\d{16}");
        assertThat(masker(Map.of("luhn", true), KEY).mask("4111111111111111", Masker.Row.NONE)).isNotEqualTo(masked);
    }

    @Test
    void everyCharacterKeepsItsClassAndEveryOtherCharacterItsPlace() {
        Masker masker = masker(Map.of(), KEY);
        for (String value : new String[]{"John Smith", "AB-123456", "acc.00042@Example.org", "Zoë 12-34-56"}) {
            String masked = masker.mask(value, Masker.Row.NONE);

            assertThat(masked).hasSameSizeAs(value).isNotEqualTo(value);
            for (int i = 0; i < value.length(); i++) {
                char original = value.charAt(i);
                char result = masked.charAt(i);
                if (Character.isDigit(original)) {
                    assertThat(result).isBetween('0', '9');
                } else if (original >= 'a' && original <= 'z') {
                    assertThat(result).isBetween('a', 'z');
                } else if (original >= 'A' && original <= 'Z') {
                    assertThat(result).isBetween('A', 'Z');
                } else {
                    assertThat(result).isEqualTo(original);
                }
            }
        }
    }

    @Test
    void theSameKeyGivesTheSameValueAndAnotherKeyOrTweakAnother() {
        String value = "4929-1234-5678-9012";
        String masked = masker(Map.of(), KEY).mask(value, Masker.Row.NONE);

        assertThat(masker(Map.of(), TestMaskingKeys.key("fpe", "one")).mask(value, Masker.Row.NONE))
                .isEqualTo(masked);
        assertThat(masker(Map.of(), TestMaskingKeys.key("fpe", "two")).mask(value, Masker.Row.NONE))
                .isNotEqualTo(masked);
        assertThat(masker(Map.of("tweak", "payments"), KEY).mask(value, Masker.Row.NONE)).isNotEqualTo(masked);
    }

    @Test
    void nullAndEmptyStayAsTheyAre() {
        Masker masker = masker(Map.of(), KEY);

        assertThat(masker.mask(null, Masker.Row.NONE)).isNull();
        assertThat(masker.mask("", Masker.Row.NONE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "abcd", "Ab-12", "----", "日本語"})
    void aValueTooShortToEncryptIsRefusedWithoutShowingIt(String value) {
        Masker masker = masker(Map.of(), KEY);

        assertThatThrownBy(() -> masker.mask(value, Masker.Row.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining("unique-map")
                .hasMessageNotContaining(value);
    }

    @Test
    void aColumnTooNarrowForAnySafeValueOrNotOfCharactersIsRefused() {
        MaskingRule rule = new MaskingRule("t", "c", "fpe", Map.of());

        assertThatThrownBy(() -> FPE.create(rule, new ColumnInfo("t", "c", "varchar", 4, false, true), KEY))
                .isInstanceOfSatisfying(RuleError.class, error -> {
                    assertThat(error.field()).isEqualTo("algorithm");
                    assertThat(error.getMessage()).contains("unique-map");
                });
        assertThatThrownBy(() -> FPE.create(rule, new ColumnInfo("t", "c", "int8", null, false, true), KEY))
                .isInstanceOfSatisfying(RuleError.class, error -> assertThat(error.field()).isEqualTo("algorithm"));
        assertThat(FPE.create(rule, new ColumnInfo("t", "c", "bpchar", 5, false, true), KEY)).isNotNull();
        assertThat(FPE.create(rule, new ColumnInfo("t", "c", "text", null, true, true), KEY)).isNotNull();
    }

    @Test
    void badParametersAreRefusedByName() {
        assertThatThrownBy(() -> FPE.check(Map.of("luhn", "yes"))).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("params.luhn"));
        assertThatThrownBy(() -> FPE.check(Map.of("tweak", 5))).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("params.tweak"));
        assertThatThrownBy(() -> FPE.check(Map.of("lunh", true))).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("params.lunh"));
        assertThatThrownBy(() -> FPE.check(Map.of("domain", "Cards!"))).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("params.domain"));
        assertThat(FPE.keyDomain(Map.of())).isEqualTo("fpe");
        assertThat(FPE.keyDomain(Map.of("domain", "cards"))).isEqualTo("cards");
        assertThat(FPE.keepsDistinct()).isTrue();
    }

    static String validCard(Random random) {
        char[] digits = new char[16];
        digits[0] = '4';
        for (int i = 1; i < 15; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        digits[15] = (char) ('0' + FormatPreservingCipher.luhnDigit(digits, 15));
        return new String(digits);
    }

    static boolean luhnValid(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int digit = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
