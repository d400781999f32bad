package io.strata.masking.algorithms;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code date-shift}: moves a date or timestamp by a keyed number of days in {@code [-maxDays, +maxDays]}, never 0,
 * keeping the time of day, the zone offset and the text form. Key domain {@code dates}.
 *
 * <p>
 * Parameters:
 * <ul>
 * <li>{@code maxDays} (1 to 36500, default 365).
 * <li>{@code entityColumn}: the shift is keyed by that column's original value (a patient id) rather than by the
 * value itself, so every date of one entity, in any table, moves by the same number of days and the intervals between
 * them stay; a row whose entity is NULL is keyed by its own value.
 * <li>{@code keep: year}: the result stays in the original's calendar year. A shift that would leave the year wraps
 * round within it (December 30 plus 5 days is January 4 of the same year), so intervals across a wrap change.
 * <li>{@code keep: ageBand}, with {@code band} (1 to 100, default 5): for dates of birth, the age in whole years
 * changes by at most {@code band}, as of today or any other day. The shift is drawn from
 * {@code [-min(maxDays, 365·band), +min(maxDays, 365·band)]}; {@code band} calendar years hold at least
 * {@code 365·band} days, so the masked date lies within {@code band} years of the original, and an age counted in
 * whole years moves no further. The bound holds whatever the reference day, so the masking stays deterministic.
 * </ul>
 */
public final class DateShiftAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "date-shift";
    /** Its key domain. */
    public static final String KEY_DOMAIN = "dates";

    private static final String MAX_DAYS = "maxDays";
    private static final String ENTITY_COLUMN = "entityColumn";
    private static final String KEEP = "keep";
    private static final String BAND = "band";
    private static final String YEAR = "year";
    private static final String AGE_BAND = "ageBand";
    private static final int DAYS_IN_YEAR = 365;

    /** The parameters, checked. */
    private record Options(int maxDays, String entityColumn, String keep, int band) {

        static Options of(Map<String, Object> params) {
            RuleParams.allowOnly(params, NAME, List.of(MAX_DAYS, ENTITY_COLUMN, KEEP, BAND));
            String keep = RuleParams.choice(params, KEEP, null, List.of(YEAR, AGE_BAND));
            if (params.containsKey(BAND) && !AGE_BAND.equals(keep)) {
                throw RuleParams.error(BAND, "band applies with keep: ageBand only; remove it or set keep.");
            }
            return new Options(RuleParams.wholeNumber(params, MAX_DAYS, DAYS_IN_YEAR, 1, 100 * DAYS_IN_YEAR),
                    RuleParams.text(params, ENTITY_COLUMN), keep, RuleParams.wholeNumber(params, BAND, 5, 1, 100));
        }

        /** The largest shift in days. */
        int limit() {
            return AGE_BAND.equals(keep) ? Math.min(maxDays, DAYS_IN_YEAR * band) : maxDays;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        Options.of(params);
    }

    @Override
    public boolean keepsDistinct() {
        return false;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return KEY_DOMAIN;
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        ColumnTypes.require(column, ColumnTypes.TEMPORALS, NAME, "date, timestamp and timestamptz columns");
        return new Shifter(key.material(), Options.of(rule.parameters()));
    }

    /** The configured shift. */
    private static final class Shifter implements Masker {

        private final byte[] key;
        private final Options options;
        private final long limit;

        Shifter(byte[] key, Options options) {
            this.key = key;
            this.options = options;
            this.limit = options.limit();
        }

        @Override
        public String mask(String value, Row row) {
            if (value == null || "infinity".equals(value) || "-infinity".equals(value)) {
                return value;
            }
            PgTemporal.Split split = PgTemporal.split(value);
            if (split == null) {
                throw new IllegalArgumentException("date-shift masks dates and timestamps in PostgreSQL's ISO form "
                        + "(DateStyle ISO); a value of this column is in another form.");
            }
            String entity = options.entityColumn() == null ? null : row.original(options.entityColumn());
            long days = shift(entity == null ? value : entity);
            LocalDate date = split.date();
            LocalDate shifted = YEAR.equals(options.keep()) ? withinYear(date, days) : date.plusDays(days);
            return PgTemporal.format(shifted, split.rest());
        }

        /** The keyed shift, in {@code [-limit, -1]} or {@code [1, limit]}. */
        private long shift(String source) {
            long drawn = Math.floorMod(KeyedDigest.pick(key, source), 2 * limit);
            return drawn < limit ? drawn - limit : drawn - limit + 1;
        }

        private static LocalDate withinYear(LocalDate date, long days) {
            LocalDate shifted = date.plusDays(days);
            if (shifted.getYear() == date.getYear()) {
                return shifted;
            }
            int length = date.lengthOfYear();
            int day = (int) Math.floorMod(date.getDayOfYear() - 1 + days, (long) length) + 1;
            // A shift of whole years wraps back onto the same day; move it one day on so the date still changes.
            return date.withDayOfYear(day == date.getDayOfYear() ? day % length + 1 : day);
        }
    }
}
