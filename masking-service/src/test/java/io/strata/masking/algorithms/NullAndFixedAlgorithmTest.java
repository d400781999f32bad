package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NullAndFixedAlgorithmTest {

    @Test
    void nullMakesEveryValueNullAndIsRefusedOnANotNullColumn() {
        Masker masker = masker("null", Map.of());

        assertThat(masker.mask("secret", Masker.Row.NONE)).isNull();
        assertThat(masker.mask(null, Masker.Row.NONE)).isNull();
        ColumnInfo notNull = new ColumnInfo("public.people", "ssn", "text", null, false, false);
        Fixtures.assertRefusedOn("null", Map.of(), notNull, "algorithm");
        assertRefused("null", Map.of("value", "x"), "params.value");
    }

    @Test
    void fixedGivesItsValueAndKeepsNullUnlessAskedNot() {
        Masker masker = masker("fixed", Map.of("value", "n/a"));

        assertThat(masker.mask("secret", Masker.Row.NONE)).isEqualTo("n/a");
        assertThat(masker.mask(null, Masker.Row.NONE)).isNull();
        assertThat(masker("fixed", Map.of("value", "n/a", "replaceNull", true)).mask(null, Masker.Row.NONE))
                .isEqualTo("n/a");
        assertThat(masker("fixed", Map.of("value", new BigDecimal("1E+3"))).mask("7", Masker.Row.NONE))
                .isEqualTo("1000");
    }

    @Test
    void fixedRefusesAMissingValueAndOneLongerThanTheColumn() {
        assertRefused("fixed", Map.of(), "params.value");
        assertRefused("fixed", Map.of("value", List.of("a")), "params.value");
        assertRefused("fixed", Map.of("value", "x", "replaceNull", "yes"), "params.replaceNull");
        Fixtures.assertRefusedOn("fixed", Map.of("value", "too long"), column("varchar", 3, false), "params.value");
    }
}
