package io.strata.masking.profiling;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;

import io.strata.masking.algorithms.SensitiveTokens;

/**
 * Whether one sampled value looks like a kind of sensitive data. A value matches {@link Match#STRONG strongly} when
 * it is that kind whatever its column is called, and {@link Match#LOOSE loosely} when it has the kind's shape but so
 * does much else (nine bare digits are an SSN's shape and an order number's), so that it counts only in a column
 * whose name says what it holds.
 */
final class Detectors {

    /** How well a value matches. */
    enum Match {
        NONE, LOOSE, STRONG
    }

    /** The oldest date of birth taken for one (older dates are placeholders such as 1800-01-01). */
    static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);
    /** Dates of birth are at least this many years before the day of profiling. */
    static final int YOUNGEST_AGE = 10;

    private static final Pattern BARE_DIGITS = Pattern.compile("\\d+");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})([ T].*)?");
    private static final Pattern ADDRESS_SEPARATORS = Pattern.compile("[\\s,]+");
    /** A house number: {@code 12}, {@code 194A}, {@code 120bg}, {@code 9/506}, {@code 58.}. */
    private static final Pattern HOUSE_NUMBER = Pattern.compile("\\d{1,6}\\p{L}{0,2}(/\\d{1,5}\\p{L}?)?\\.?");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'.\\-]+");
    /** Street words, lower case without accents ({@code praça} is {@code praca}), as values are compared. */
    private static final Set<String> STREET_WORDS = Set.of("street", "st", "road", "rd", "avenue", "ave", "av",
            "lane", "ln", "drive", "dr", "boulevard", "blvd", "way", "place", "pl", "court", "ct", "square", "sq",
            "terrace", "parkway", "pkwy", "highway", "hwy", "crescent", "close", "alley", "circle", "loop", "rue",
            "rua", "calle", "via", "viale", "avenida", "praca", "plaza", "piazza", "str", "chemin", "allee", "ulica",
            "ul", "utca", "krt", "camino", "carrera");
    /** Street words that end compounds: {@code Tauentzienstraße}, {@code Grétrystraat}, {@code Ullevålsveien}. */
    private static final Set<String> STREET_ENDINGS = Set.of("straße", "strasse", "straat", "gasse", "weg", "vej",
            "veien", "vegen", "gatan", "gata", "gade", "katu", "gracht", "laan", "platz", "plein");
    private static final int LONGEST_ADDRESS = 200;

    private Detectors() {
    }

    /** An e-mail address. */
    static Match email(String value) {
        return SensitiveTokens.isEmail(value) ? Match.STRONG : Match.NONE;
    }

    /**
     * A phone number; loosely when it is bare digits, which many numbers are. A value shaped like an SSN or a card
     * number is none, as {@code redact} reads them ({@code 123-45-6789} is grouped like a phone number too).
     */
    static Match phone(String value) {
        if (!SensitiveTokens.isPhone(value) || SensitiveTokens.isSsn(value) || SensitiveTokens.isCard(value)) {
            return Match.NONE;
        }
        return BARE_DIGITS.matcher(value.strip()).matches() ? Match.LOOSE : Match.STRONG;
    }

    /**
     * A US social security number that could have been issued: not area 000, 666 or 900-999, group 00 or serial
     * 0000. Written {@code 123-45-6789} it matches strongly; as nine bare digits, loosely.
     */
    static Match nationalId(String value) {
        if (!SensitiveTokens.isSsn(value)) {
            return Match.NONE;
        }
        String text = value.strip();
        String digits = text.replace("-", "");
        int area = Integer.parseInt(digits, 0, 3, 10);
        boolean issuable = area != 0 && area != 666 && area < 900 && !digits.startsWith("00", 3) && !digits
                .startsWith("0000", 5);
        if (!issuable) {
            return Match.NONE;
        }
        return text.length() == digits.length() ? Match.LOOSE : Match.STRONG;
    }

    /** A card number: 13 to 19 digits that pass the Luhn check. */
    static Match card(String value) {
        return SensitiveTokens.isCard(value) ? Match.STRONG : Match.NONE;
    }

    /** An IBAN whose mod-97 check holds. */
    static Match iban(String value) {
        return SensitiveTokens.isIban(value) ? Match.STRONG : Match.NONE;
    }

    /**
     * A date (or timestamp) in ISO form between {@link #OLDEST_BIRTH} and {@link #YOUNGEST_AGE} years before
     * {@code today}: loosely, since such dates are births only where the column says so.
     */
    static Match birthDate(String value, LocalDate today) {
        var parts = ISO_DATE.matcher(value.strip());
        if (!parts.matches()) {
            return Match.NONE;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
                    Integer.parseInt(parts.group(3)));
            boolean plausible = !date.isBefore(OLDEST_BIRTH) && !date.isAfter(today.minusYears(YOUNGEST_AGE));
            return plausible ? Match.LOOSE : Match.NONE;
        } catch (DateTimeException e) {
            return Match.NONE;
        }
    }

    /**
     * A street address: a house number and words; strongly when a word is a street's ({@code Street}, {@code Ave},
     * {@code Rue}, {@code ...straße}), loosely otherwise ({@code Qe 7 Bloco G}).
     */
    static Match streetAddress(String value) {
        if (value.length() > LONGEST_ADDRESS) {
            return Match.NONE;
        }
        boolean number = false;
        boolean word = false;
        boolean street = false;
        for (String token : ADDRESS_SEPARATORS.split(value.strip())) {
            number |= HOUSE_NUMBER.matcher(token).matches();
            if (WORD.matcher(token).matches()) {
                word = true;
                street |= isStreetWord(PersonNames.fold(token));
            }
        }
        if (!number || !word) {
            return Match.NONE;
        }
        return street ? Match.STRONG : Match.LOOSE;
    }

    private static boolean isStreetWord(String word) {
        String bare = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
        return STREET_WORDS.contains(bare) || STREET_ENDINGS.stream().anyMatch(bare::endsWith);
    }

    /**
     * How well text with these tokens inside matches free text with PII: strongly with an e-mail or an IBAN, which
     * nothing else looks like; loosely with numbers only (phone numbers, SSNs, cards), which titles and descriptions
     * hold by chance ({@code The Best Of 1980-1990} has a phone number's shape to {@code redact}).
     */
    static Match freeTextMatch(Set<SensitiveTokens.Kind> inside) {
        if (inside.isEmpty()) {
            return Match.NONE;
        }
        return inside.contains(SensitiveTokens.Kind.EMAIL) || inside.contains(SensitiveTokens.Kind.IBAN)
                ? Match.STRONG
                : Match.LOOSE;
    }

    /**
     * The kinds of token inside free text or JSON, as {@code redact} finds them; none when the value is nothing but
     * one token (an e-mail column is not free text).
     */
    static Set<SensitiveTokens.Kind> insideText(String value, boolean json) {
        Set<SensitiveTokens.Kind> kinds = SensitiveTokens.foundIn(value, json);
        return kinds.isEmpty() || SensitiveTokens.isToken(value) ? Set.of() : kinds;
    }
}
