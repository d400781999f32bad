package io.strata.masking.algorithms;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tokens {@code redact} finds (e-mail addresses, phone numbers, SSNs, card numbers, IBANs), recognised the way it
 * recognises them, for profiling: whether a whole value is one such token, and which kinds a longer text holds. One
 * set of rules serves both, so a column profiled as holding e-mails in its notes is one whose e-mails {@code redact}
 * replaces. Thread-safe.
 */
public final class SensitiveTokens {

    /** A kind of token, and its name in {@code redact}'s {@code patterns} parameter. */
    public enum Kind {

        /** An e-mail address. */
        EMAIL(RedactAlgorithm.EMAIL),
        /** A phone number. */
        PHONE(RedactAlgorithm.PHONE),
        /** A US social security number. */
        SSN(RedactAlgorithm.SSN),
        /** A payment card number. */
        CARD(RedactAlgorithm.CARD),
        /** An international bank account number. */
        IBAN(RedactAlgorithm.IBAN);

        private final String pattern;

        Kind(String pattern) {
            this.pattern = pattern;
        }

        /** Its name in {@code redact}'s {@code patterns}. */
        public String pattern() {
            return pattern;
        }
    }

    // The redactors below only say whether they replaced something: what they write is thrown away, so neither the
    // fixed replacement nor the key (which keys digits outside JSON strings) matters.
    private static final String MARK = "x";
    private static final byte[] UNUSED_KEY = new byte[32];
    private static final Map<Kind, Finder> TEXT_FINDERS = finders(false);
    private static final Map<Kind, Finder> JSON_FINDERS = finders(true);
    private static final Redactor ANY_IN_TEXT = redactor(EnumSet.allOf(Kind.class), false);
    private static final Redactor ANY_IN_JSON = redactor(EnumSet.allOf(Kind.class), true);

    /**
     * Finds one kind. Redact reads a run of digits as an SSN, else a card, else a phone number, so a phone number is
     * found when looking for phones too replaces more than looking for SSNs and cards alone ({@code 123-45-6789} is
     * grouped like a phone number, and is an SSN).
     *
     * @param with looks for the kind and the kinds tried before it
     * @param without looks for the kinds tried before it only, {@code null} when there are none
     */
    private record Finder(Redactor with, Redactor without) {

        boolean finds(String text) {
            String before = without == null ? text : without.mask(text, Masker.Row.NONE);
            return !with.mask(text, Masker.Row.NONE).equals(before);
        }
    }

    private SensitiveTokens() {
    }

    /** Whether the whole value, spaces around it aside, is one e-mail address. */
    public static boolean isEmail(String value) {
        String text = value.strip();
        long found = TextTokens.nextEmail(text, 0);
        return found >= 0 && (int) (found >>> 32) == 0 && (int) found == text.length();
    }

    /** Whether the whole value is one phone number as {@code redact} writes them: {@code +1 (555) 010-9999} ... */
    public static boolean isPhone(String value) {
        DigitRun run = wholeRun(value);
        return run != null && run.isPhone();
    }

    /** Whether the whole value is an SSN's shape: nine digits alone, or {@code 123-45-6789}. */
    public static boolean isSsn(String value) {
        DigitRun run = wholeRun(value);
        return run != null && run.isSsn();
    }

    /** Whether the whole value is a card number: 13 to 19 digits, grouped or not, whose Luhn check holds. */
    public static boolean isCard(String value) {
        String text = value.strip();
        DigitRun run = wholeRun(text);
        return run != null && run.isCard(text);
    }

    /** Whether the whole value is an IBAN, compact or in groups of four, whose mod-97 check holds. */
    public static boolean isIban(String value) {
        String text = value.strip();
        return !text.isEmpty() && TextTokens.ibanEnd(text, 0, text.length()) == text.length();
    }

    /** Whether the whole value is one token of any kind. */
    public static boolean isToken(String value) {
        return isEmail(value) || isPhone(value) || isSsn(value) || isCard(value) || isIban(value);
    }

    /**
     * The kinds of token {@code redact} would replace in the text, none when it would leave it as it is.
     *
     * @param json whether the text is a {@code json} or {@code jsonb} value, where numbers outside strings are only
     *        SSNs or cards
     */
    public static Set<Kind> foundIn(String text, boolean json) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if ((json ? ANY_IN_JSON : ANY_IN_TEXT).mask(text, Masker.Row.NONE).equals(text)) {
            return kinds;
        }
        (json ? JSON_FINDERS : TEXT_FINDERS).forEach((kind, finder) -> {
            if (finder.finds(text)) {
                kinds.add(kind);
            }
        });
        return kinds;
    }

    /** The run of digit groups that is the whole value, {@code null} when the value is more or less than one. */
    private static DigitRun wholeRun(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        DigitRun run = new DigitRun();
        run.parse(text, 0, text.length());
        return run.complete() && run.end() == text.length() ? run : null;
    }

    private static Map<Kind, Finder> finders(boolean json) {
        Map<Kind, Finder> finders = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Set<Kind> before = kind == Kind.PHONE ? EnumSet.of(Kind.SSN, Kind.CARD) : EnumSet.noneOf(Kind.class);
            Set<Kind> with = EnumSet.copyOf(before);
            with.add(kind);
            finders.put(kind, new Finder(redactor(with, json), before.isEmpty() ? null : redactor(before, json)));
        }
        return finders;
    }

    private static Redactor redactor(Set<Kind> kinds, boolean json) {
        Set<String> patterns = kinds.stream().map(Kind::pattern).collect(Collectors.toSet());
        return new Redactor(new RedactAlgorithm.Options(patterns, null, MARK), UNUSED_KEY, null, json, null);
    }
}
