package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MinMaxAlgorithmTest {

    @Test
    void numbersOutsideTheRangeBecomeItsEndsAndThoseInsideStay() {
        Masker masker = masker("min-max", Map.of("min", 18, "max", 90), column("int4"), 1);

        assertThat(masker.mask("12", Masker.Row.NONE)).isEqualTo("18");
        assertThat(masker.mask("45", Masker.Row.NONE)).isEqualTo("45");
        assertThat(masker.mask("104", Masker.Row.NONE)).isEqualTo("90");
        assertThat(masker.mask(null, Masker.Row.NONE)).isNull();
        Masker decimals = masker("min-max", Map.of("min", "0.5", "max", 99.5), column("numeric"), 1);
        assertThat(decimals.mask("0.25", Masker.Row.NONE)).isEqualTo("0.5");
        assertThat(decimals.mask("NaN", Masker.Row.NONE)).isEqualTo("99.5");
    }

    @Test
    void datesAndTimestampsAreClampedInTheirColumnsForm() {
        Map<String, Object> range = Map.of("min", "2000-01-01", "max", "2009-12-31T12:00:00");
        Masker timestamps = masker("min-max", range, column("timestamp"), 1);
        Masker zoned = masker("min-max", range, column("timestamptz"), 1);

        assertThat(timestamps.mask("1999-12-31 23:59:59.5", Masker.Row.NONE)).isEqualTo("2000-01-01 00:00:00");
        assertThat(timestamps.mask("2005-05-05 05:05:05", Masker.Row.NONE)).isEqualTo("2005-05-05 05:05:05");
        assertThat(timestamps.mask("2009-12-31 12:00:01", Masker.Row.NONE)).isEqualTo("2009-12-31 12:00:00");
        assertThat(zoned.mask("2000-01-01 00:30:00+01", Masker.Row.NONE)).isEqualTo("2000-01-01 00:00:00+00");
        assertThat(zoned.mask("2000-01-01 00:30:00-01", Masker.Row.NONE)).isEqualTo("2000-01-01 00:30:00-01");
        assertThat(zoned.mask("infinity", Masker.Row.NONE)).isEqualTo("2009-12-31 12:00:00+00");
        Masker dates = masker("min-max", Map.of("min", "2000-01-01", "max", "2009-12-31"), column("date"), 1);
        assertThat(dates.mask("0044-03-15 BC", Masker.Row.NONE)).isEqualTo("2000-01-01");
        assertThat(dates.mask("2003-03-03", Masker.Row.NONE)).isEqualTo("2003-03-03");
    }

    @Test
    void boundsMustBePresentOfOneKindInOrderAndFitTheColumn() {
        assertRefused("min-max", Map.of("max", 3), "params.min");
        assertRefused("min-max", Map.of("min", 3), "params.max");
        assertRefused("min-max", Map.of("min", "soon", "max", 3), "params.min");
        assertRefused("min-max", Map.of("min", 3, "max", "2009-01-01"), "params.max");
        assertRefused("min-max", Map.of("min", 9, "max", 3), "params.max");
        assertRefused("min-max", Map.of("min", "2009-01-02", "max", "2009-01-01"), "params.max");
        Fixtures.assertRefusedOn("min-max", Map.of("min", 0.5, "max", 3), column("int4"), "params.min");
        Fixtures.assertRefusedOn("min-max", Map.of("min", 1, "max", 3), column("date"), "params.min");
        Fixtures.assertRefusedOn("min-max", Map.of("min", "2000-01-01 10:00:00", "max", "2001-01-01"),
                column("date"), "params.min");
        Fixtures.assertRefusedOn("min-max", Map.of("min", "2000-01-01", "max", "2001-01-01 00:00:00+02"),
                column("timestamp"), "params.max");
        Fixtures.assertRefusedOn("min-max", Map.of("min", 1, "max", 3), column("text"), "column");
    }
}
