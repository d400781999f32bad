package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DateShiftAlgorithmTest {

    private static final LocalDate START = LocalDate.of(1930, 1, 1);

    private final Masker dates = masker("date-shift", Map.of(), column("date"), 1);

    @Test
    void aDateMovesByAKeyedNumberOfDaysWithinMaxDaysNeverZero() {
        Masker masker = masker("date-shift", Map.of("maxDays", 30), column("date"), 1);
        for (int i = 0; i < 2000; i++) {
            LocalDate original = START.plusDays(i * 13L);
            long shift = ChronoUnit.DAYS.between(original, LocalDate.parse(masker.mask(original.toString(),
                    Masker.Row.NONE)));
            assertThat(Math.abs(shift)).isBetween(1L, 30L);
        }
        assertThat(dates.mask(null, Masker.Row.NONE)).isNull();
        assertThat(dates.mask("infinity", Masker.Row.NONE)).isEqualTo("infinity");
    }

    @Test
    void timestampsKeepTheirTimeFractionAndZoneAndBcDatesTheirEra() {
        Masker timestamps = masker("date-shift", Map.of(), column("timestamptz"), 1);

        assertThat(timestamps.mask("2009-01-02 03:04:05.678+05:30", Masker.Row.NONE))
                .matches("\\d{4}-\\d{2}-\\d{2} 03:04:05\\.678\\+05:30").doesNotStartWith("2009-01-02");
        assertThat(masker("date-shift", Map.of(), column("timestamp"), 1).mask("2009-01-02 03:04:05",
                Masker.Row.NONE)).matches("\\d{4}-\\d{2}-\\d{2} 03:04:05");
        assertThat(masker("date-shift", Map.of("maxDays", 5), column("date"), 1).mask("0044-03-15 BC",
                Masker.Row.NONE)).matches("0044-03-(1[0-9]|20) BC").isNotEqualTo("0044-03-15 BC");
    }

    @Test
    void theSameValueMovesAlikeInAnyTableAndAnotherKeyMovesItElsewhere() {
        String masked = dates.mask("1980-06-15", Masker.Row.NONE);

        assertThat(masker("date-shift", Map.of(), new ColumnInfo("b.visits", "day", "date", null, false, false), 1)
                .mask("1980-06-15", Masker.Row.NONE)).isEqualTo(masked);
        assertThat(masker("date-shift", Map.of(), column("date"), 2).mask("1980-06-15", Masker.Row.NONE))
                .isNotEqualTo(masked);
    }

    @Test
    void anEntitysDatesMoveTogetherSoTheirIntervalsStay() {
        Masker masker = masker("date-shift", Map.of("entityColumn", "patient_id"), column("date"), 1);
        Masker.Row patient = Map.of("patient_id", "p-17")::get;

        LocalDate admitted = LocalDate.parse(masker.mask("2020-02-27", patient));
        LocalDate discharged = LocalDate.parse(masker.mask("2020-03-02", patient));

        assertThat(ChronoUnit.DAYS.between(admitted, discharged)).isEqualTo(4);
        assertThat(admitted).isNotEqualTo(LocalDate.of(2020, 2, 27));
    }

    @Test
    void keepYearKeepsTheCalendarYear() {
        Masker masker = masker("date-shift", Map.of("keep", "year", "maxDays", 36500), column("date"), 1);
        for (int i = 0; i < 2000; i++) {
            LocalDate original = START.plusDays(i * 7L);
            LocalDate masked = LocalDate.parse(masker.mask(original.toString(), Masker.Row.NONE));
            assertThat(masked.getYear()).isEqualTo(original.getYear());
            assertThat(masked).isNotEqualTo(original);
        }
    }

    @Test
    void ageBandMovesAnAgeByAtMostTheBandOnAnyDay() {
        Masker masker = masker("date-shift", Map.of("keep", "ageBand", "band", 2, "maxDays", 36500),
                column("date"), 1);
        for (int i = 0; i < 3000; i++) {
            LocalDate born = START.plusDays(i * 11L);
            LocalDate masked = LocalDate.parse(masker.mask(born.toString(), Masker.Row.NONE));
            for (LocalDate day = LocalDate.of(2031, 1, 1); day.getYear() < 2033; day = day.plusDays(37)) {
                int ageChange = Period.between(born, day).getYears() - Period.between(masked, day).getYears();
                assertThat(Math.abs(ageChange)).as("%s as %s on %s", born, masked, day).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aValueNotInIsoFormIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> dates.mask("02/01/2009", Masker.Row.NONE)).isInstanceOf(
                IllegalArgumentException.class).message().doesNotContain("02/01/2009");
    }

    @Test
    void wrongParametersAndColumnsAreRefusedByName() {
        assertRefused("date-shift", Map.of("maxDays", 0), "params.maxDays");
        assertRefused("date-shift", Map.of("maxDays", 36501), "params.maxDays");
        assertRefused("date-shift", Map.of("keep", "month"), "params.keep");
        assertRefused("date-shift", Map.of("band", 3), "params.band");
        assertRefused("date-shift", Map.of("keep", "ageBand", "band", 0), "params.band");
        assertRefused("date-shift", Map.of("entityColumn", ""), "params.entityColumn");
        Fixtures.assertRefusedOn("date-shift", Map.of(), column("int4"), "column");
    }
}
