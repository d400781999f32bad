package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PhoneAlgorithmTest {

    private final Masker phones = masker("phone", Map.of());

    @Test
    void theFormatStaysAndEveryDigitIsKeyed() {
        String masked = phones.mask("+1 (555) 010-9999 ext. 12", Masker.Row.NONE);

        assertThat(masked).matches("\\+[1-9] \\(\\d{3}\\) \\d{3}-\\d{4} ext\\. \\d{2}")
                .isNotEqualTo("+1 (555) 010-9999 ext. 12");
        assertThat(phones.mask(null, Masker.Row.NONE)).isNull();
        assertThat(phones.mask("n/a", Masker.Row.NONE)).isEqualTo("n/a");
    }

    @Test
    void oneNumberInTwoFormatsGetsTheSameDigitsInAnyTableAndAnotherKeyOthers() {
        String masked = phones.mask("+1 (555) 010-9999", Masker.Row.NONE);
        String compact = masker("phone", Map.of(), column("varchar", 20, false), 1).mask("+15550109999",
                Masker.Row.NONE);

        assertThat(compact).isEqualTo(DigitMasking.digitsOf(masked, 0, masked.length()).replaceFirst("^", "+"));
        assertThat(masker("phone", Map.of(), column("text"), 2).mask("+1 (555) 010-9999", Masker.Row.NONE))
                .isNotEqualTo(masked);
    }

    @Test
    void aLeadingZeroStaysZeroAndALeadingDigitStaysNonZero() {
        for (int i = 0; i < 200; i++) {
            assertThat(phones.mask("020 7946 " + (1000 + i), Masker.Row.NONE)).startsWith("0").hasSize(13);
            assertThat(phones.mask("5" + (100_000 + i), Masker.Row.NONE)).doesNotStartWith("0").hasSize(7);
        }
    }

    @Test
    void keepPrefixKeepsTheLeadingDigits() {
        String masked = masker("phone", Map.of("keepPrefix", 4)).mask("+44 20 7946 0958", Masker.Row.NONE);

        assertThat(masked).startsWith("+44 20 ").matches("\\+44 20 \\d{4} \\d{4}").isNotEqualTo("+44 20 7946 0958");
    }

    @Test
    void wrongParametersAreRefusedByName() {
        assertRefused("phone", Map.of("keepPrefix", -1), "params.keepPrefix");
        assertRefused("phone", Map.of("keepPrefix", 16), "params.keepPrefix");
        assertRefused("phone", Map.of("keepPrefix", 1.5), "params.keepPrefix");
        assertRefused("phone", Map.of("keepPrefix", "2"), "params.keepPrefix");
        assertRefused("phone", Map.of("prefix", 2), "params.prefix");
    }
}
