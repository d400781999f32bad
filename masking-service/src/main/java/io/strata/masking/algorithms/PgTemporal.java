package io.strata.masking.algorithms;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's ISO text forms of {@code date}, {@code timestamp} and {@code timestamptz} ({@code 2009-01-02},
 * {@code 2009-01-02 03:04:05.678}, {@code 2009-01-02 03:04:05+01}, {@code 0044-03-15 BC}): split into a date and
 * the rest, put back together, and placed on the time line to be compared.
 */
final class PgTemporal {

    private static final String BC = " BC";
    private static final Pattern TIME = Pattern.compile("[ T](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d{1,9})?)?"
            + "(Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?");

    /**
     * A value's date (a BC year folded in: 1 BC is year 0) and what follows it, the time and zone as written.
     *
     * @param date the date
     * @param rest what follows the date, without the era
     */
    record Split(LocalDate date, String rest) {
    }

    private PgTemporal() {
    }

    /** The value's date and rest, {@code null} when it does not start with an ISO date. */
    static Split split(String text) {
        boolean bc = text.endsWith(BC);
        String body = bc ? text.substring(0, text.length() - BC.length()) : text;
        int yearDigits = 0;
        while (yearDigits < body.length() && DigitMasking.isDigit(body.charAt(yearDigits))) {
            yearDigits++;
        }
        int end = yearDigits + 6;
        if (yearDigits < 4 || yearDigits > 7 || body.length() < end || body.charAt(yearDigits) != '-'
                || body.charAt(yearDigits + 3) != '-') {
            return null;
        }
        try {
            int year = Integer.parseInt(body, 0, yearDigits, 10);
            int month = Integer.parseInt(body, yearDigits + 1, yearDigits + 3, 10);
            int day = Integer.parseInt(body, yearDigits + 4, end, 10);
            return new Split(LocalDate.of(bc ? 1 - year : year, month, day), body.substring(end));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /** The text form of a date followed by the rest, with the era when BC. */
    static String format(LocalDate date, String rest) {
        int year = date.getYear();
        boolean bc = year <= 0;
        StringBuilder text = new StringBuilder(rest.length() + 14);
        pad(text, bc ? 1 - year : year, 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2).append(rest);
        return bc ? text.append(BC).toString() : text.toString();
    }

    /**
     * Where the value lies on the time line, to compare: days since 1970 for a date alone, seconds since 1970 UTC
     * for a timestamp (its own offset when it has one, else UTC). {@code null} when it is no ISO date or timestamp.
     *
     * @param dateOnly whether to compare the dates alone, in days
     */
    static BigDecimal position(String text, boolean dateOnly) {
        Split split = split(text);
        if (split == null) {
            return null;
        }
        if (dateOnly || split.rest().isEmpty()) {
            BigDecimal days = BigDecimal.valueOf(split.date().toEpochDay());
            return dateOnly ? days : days.multiply(BigDecimal.valueOf(86_400));
        }
        Matcher time = TIME.matcher(split.rest());
        if (!time.matches()) {
            return null;
        }
        try {
            LocalTime clock = LocalTime.of(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2)),
                    time.group(3) == null ? 0 : Integer.parseInt(time.group(3)));
            ZoneOffset offset = time.group(5) == null ? ZoneOffset.UTC : ZoneOffset.of(time.group(5));
            long seconds = LocalDateTime.of(split.date(), clock).toEpochSecond(offset);
            String fraction = time.group(4);
            return fraction == null
                    ? BigDecimal.valueOf(seconds)
                    : BigDecimal.valueOf(seconds).add(new BigDecimal("0" + fraction));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Whether the value has a time of day after its date. */
    static boolean hasTime(String text) {
        Split split = split(text);
        return split != null && !split.rest().isEmpty();
    }

    /** Whether the value's time carries a zone offset. */
    static boolean hasOffset(String text) {
        Split split = split(text);
        if (split == null) {
            return false;
        }
        Matcher time = TIME.matcher(split.rest());
        return time.matches() && time.group(5) != null;
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
