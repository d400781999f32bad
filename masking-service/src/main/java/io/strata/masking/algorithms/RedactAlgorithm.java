package io.strata.masking.algorithms;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code redact}: finds sensitive tokens inside free text or JSON and replaces them, leaving the rest as it was.
 *
 * <ul>
 * <li>{@code email}: an address becomes the one {@code email} gives it with its default parameters (same rule, same
 * {@code emails} key), so an address in a note matches the masked address column.
 * <li>{@code phone}: {@code +} and 7 to 15 digits, an area code in parentheses, groups of up to four digits, or 10
 * digits or more in one piece; its digits keyed as {@code phone} does.
 * <li>{@code ssn}: {@code 123-45-6789} or nine digits alone; keyed digits in the same format.
 * <li>{@code card}: 13 to 19 digits, grouped by spaces or hyphens or not, that pass the Luhn check; the first digit
 * kept, the others keyed, the last made the Luhn check digit again.
 * <li>{@code iban}: two capitals, two digits, then capitals and digits (compact or in groups of four), 15 to 34 in
 * all, whose mod-97 check holds; the country code, length and grouping kept, the rest keyed, the check digits
 * computed again so that it stays a valid IBAN.
 * </ul>
 *
 * <p>
 * Parameters: {@code patterns} (a list of the above, default all); {@code values} (literal words or phrases,
 * found whole and ignoring case, each replaced by {@code [REDACTED]}); {@code replacement} (a fixed text put in
 * place of every token found, instead of masked values). Key domain {@code text}, and {@code emails} for addresses.
 *
 * <p>
 * JSON ({@code json} and {@code jsonb} columns, or JSON held as text) is read as text, but no replacement breaks it:
 * replacements hold no quote or backslash, tokens never start inside an escape sequence, and a number outside a
 * string (the only token that can stand there) gets keyed digits even when {@code replacement} is set. In a JSON
 * column, moreover, only SSNs and cards are looked for outside strings, and {@code values} inside strings only; in
 * a text column whose value opens with <code>{</code> or {@code [}, everything is looked for everywhere.
 *
 * <p>
 * Finding numbers is a heuristic, tuned to catch them as people write them while leaving amounts, decimals, dates
 * ({@code 2009-01-02}, {@code 02.01.2009}) and versions alone: a token inside a word ({@code X123456789}) is left,
 * and so is one glued to other digits by a dot ({@code 12.4111111111111111}, read as a decimal number). A result
 * longer than the column's declared length is cut to it.
 */
public final class RedactAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "redact";
    /** Its key domain. */
    public static final String KEY_DOMAIN = "text";

    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String SSN = "ssn";
    static final String CARD = "card";
    static final String IBAN = "iban";

    private static final String PATTERNS = "patterns";
    private static final String VALUES = "values";
    private static final String REPLACEMENT = "replacement";
    private static final List<String> ALL = List.of(EMAIL, PHONE, SSN, CARD, IBAN);
    private static final int MAX_REPLACEMENT = 100;
    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "citext", "json", "jsonb");

    /**
     * The parameters, checked.
     *
     * @param patterns the kinds of token to find
     * @param values the literal words to find, {@code null} for none
     * @param replacement the fixed replacement, {@code null} for masked values
     */
    record Options(Set<String> patterns, List<String> values, String replacement) {

        static Options of(Map<String, Object> params) {
            RuleParams.allowOnly(params, NAME, List.of(PATTERNS, VALUES, REPLACEMENT));
            List<String> listed = RuleParams.texts(params, PATTERNS);
            if (listed != null && !ALL.containsAll(listed)) {
                throw RuleParams.error(PATTERNS, "patterns must list some of " + String.join(", ", ALL) + ".");
            }
            List<String> values = RuleParams.texts(params, VALUES);
            String replacement = RuleParams.text(params, REPLACEMENT);
            if (values != null && values.stream().anyMatch(value -> !jsonSafe(value, Integer.MAX_VALUE))) {
                throw RuleParams.error(VALUES, "values must be words or phrases without quotes, backslashes or "
                        + "control characters, so that replacing them keeps JSON valid.");
            }
            if (replacement != null && !jsonSafe(replacement, MAX_REPLACEMENT)) {
                throw RuleParams.error(REPLACEMENT, "replacement must be at most " + MAX_REPLACEMENT
                        + " characters without quotes, backslashes or control characters, so that JSON stays valid.");
            }
            Set<String> patterns = Set.copyOf(new LinkedHashSet<>(listed == null ? ALL : listed));
            if (patterns.isEmpty() && (values == null || values.isEmpty())) {
                throw RuleParams.error(PATTERNS, "Nothing to redact: list some patterns, or values.");
            }
            return new Options(patterns, values == null || values.isEmpty() ? null : values, replacement);
        }

        /** Whether e-mail addresses get masked ones, which takes the key of the {@code emails} domain. */
        boolean masksEmails() {
            return patterns.contains(EMAIL) && replacement == null;
        }

        private static boolean jsonSafe(String text, int maxLength) {
            return text.length() <= maxLength && text.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20);
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
    public Set<String> keyDomains(Map<String, Object> params) {
        return Options.of(params).masksEmails()
                ? Set.of(KEY_DOMAIN, EmailAlgorithm.KEY_DOMAIN)
                : Set.of(KEY_DOMAIN);
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        Map<String, MaskingKey> keys = new HashMap<>();
        keys.put(KEY_DOMAIN, key);
        return create(rule, column, keys);
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, Map<String, MaskingKey> keys) {
        ColumnTypes.require(column, TEXT_TYPES, NAME, "text and JSON columns (" + String.join(", ", TEXT_TYPES)
                + ")");
        Options options = Options.of(rule.parameters());
        EmailMasker emails = null;
        if (options.masksEmails()) {
            MaskingKey emailsKey = keys.get(EmailAlgorithm.KEY_DOMAIN);
            if (emailsKey == null) {
                throw RuleParams.error(PATTERNS, "Masking e-mail addresses needs the key of the emails domain too; "
                        + "create the masker through Algorithms.");
            }
            emails = new EmailMasker(emailsKey.material(), null, EmailAlgorithm.Options.DEFAULT, null);
        }
        return Masker.mayLeaveAll(new Redactor(options, keys.get(KEY_DOMAIN).material(), emails,
                ColumnTypes.JSON.contains(column.type()), column.maxLength()));
    }
}
