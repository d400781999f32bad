package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NoiseAlgorithmTest {

    private final Masker numerics = masker("noise", Map.of("percent", 5), column("numeric"), 1);

    @Test
    void aNumberMovesWithinPercentAndKeepsItsDecimals() {
        int moved = 0;
        for (int i = 1; i <= 1000; i++) {
            BigDecimal original = new BigDecimal(i + ".50");
            String masked = numerics.mask(original.toPlainString(), Masker.Row.NONE);
            assertThat(masked).matches("\\d+\\.\\d{2}");
            BigDecimal change = new BigDecimal(masked).subtract(original).abs();
            assertThat(change).isLessThanOrEqualTo(original.multiply(new BigDecimal("0.05")).add(new BigDecimal(
                    "0.005")));
            moved += change.signum();
        }
        assertThat(moved).isGreaterThan(900);
        assertThat(numerics.mask(null, Masker.Row.NONE)).isNull();
    }

    @Test
    void integersStayIntegersInTheirRangeAndNeverGainADigit() {
        Masker masker = masker("noise", Map.of("percent", 100), column("int2"), 1);
        for (int i = 0; i < 500; i++) {
            String masked = masker.mask(Integer.toString(32_000 + i), Masker.Row.NONE);
            assertThat(Integer.parseInt(masked)).isBetween(0, (int) Short.MAX_VALUE);
        }
        Masker numeric = masker("noise", Map.of("percent", 100), column("numeric"), 1);
        for (int i = 0; i < 500; i++) {
            assertThat(numeric.mask("-9" + i % 10 + ".9", Masker.Row.NONE)).matches("-?\\d{1,2}\\.\\d");
        }
    }

    @Test
    void oneValueMovesAlikeWhateverItsScaleAndAnotherKeyMovesItElsewhere() {
        String masked = numerics.mask("1234.5", Masker.Row.NONE);

        // One fraction of the same number, rounded to one decimal or two.
        assertThat(new BigDecimal(numerics.mask("1234.50", Masker.Row.NONE))).isCloseTo(new BigDecimal(masked),
                within(new BigDecimal("0.05")));
        assertThat(masker("noise", Map.of("percent", 5), column("numeric"), 2).mask("1234.5", Masker.Row.NONE))
                .isNotEqualTo(masked);
    }

    @Test
    void floatsKeepTheirSignificantDigitsAndSpecialValues() {
        Masker floats = masker("noise", Map.of(), column("float8"), 1);

        assertThat(floats.mask("1.5e+20", Masker.Row.NONE)).matches("1\\.[3-7]E\\+20");
        assertThat(floats.mask("NaN", Masker.Row.NONE)).isEqualTo("NaN");
        assertThat(floats.mask("-Infinity", Masker.Row.NONE)).isEqualTo("-Infinity");
    }

    @Test
    void wrongParametersAndColumnsAreRefusedByName() {
        assertRefused("noise", Map.of("percent", 0), "params.percent");
        assertRefused("noise", Map.of("percent", 100.5), "params.percent");
        assertRefused("noise", Map.of("percent", "lots"), "params.percent");
        assertRefused("noise", Map.of("percentage", 5), "params.percentage");
        Fixtures.assertRefusedOn("noise", Map.of(), column("text"), "column");
    }
}
