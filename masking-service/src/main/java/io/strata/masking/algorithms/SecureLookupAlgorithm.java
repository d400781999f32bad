package io.strata.masking.algorithms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code secure-lookup}: HMAC-SHA256 of the value under the domain's key picks an entry of a dictionary, so a value
 * always becomes the same realistic replacement, and nobody without the key can tell which value gave which.
 * Parameters: exactly one of {@code dictionary} (a bundled one, see {@link Dictionaries}, or {@code full-names}: a
 * first and a last name) and {@code values} (the rule's own list, two entries at least); {@code caseInsensitive}
 * (default true: {@code SMITH} and {@code smith} give the same entry); {@code domain} (the key domain, default
 * {@code names}). Entries longer than the column are cut to its length. Two values may pick the same entry, so it
 * does not keep values distinct.
 */
public final class SecureLookupAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "secure-lookup";

    private static final String FULL_NAMES = "full-names";
    private static final Set<String> PARAMETERS = Set.of("dictionary", "values", "caseInsensitive", "domain");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, PARAMETERS);
        RuleParams.flag(params, "caseInsensitive", true);
        RuleParams.domain(params, "names");
        Object dictionary = params.get("dictionary");
        Object values = params.get("values");
        if ((dictionary == null) == (values == null)) {
            throw new RuleError("params.dictionary", "secure-lookup takes exactly one of dictionary (one of "
                    + dictionaryNames() + ") and values (a list of at least 2 entries of your own).");
        }
        if (dictionary != null && !dictionaryNames().contains(dictionary)) {
            throw new RuleError("params.dictionary", "There is no dictionary '" + dictionary + "'; the dictionaries "
                    + "are " + dictionaryNames() + ".");
        }
        if (values != null) {
            ownValues(values);
        }
    }

    /** Two values may pick one entry. */
    @Override
    public boolean keepsDistinct() {
        return false;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return RuleParams.domain(params, "names");
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        Map<String, Object> params = rule.parameters();
        check(params);
        ColumnTypes.requireCharacter(column, name());
        Keyed keyed = new Keyed(key);
        boolean caseInsensitive = RuleParams.flag(params, "caseInsensitive", true);
        Integer maxLength = column.maxLength();
        if (FULL_NAMES.equals(params.get("dictionary"))) {
            String[] first = entries(Dictionaries.get("first-names"), null);
            String[] last = entries(Dictionaries.get("last-names"), null);
            return (value, row) -> {
                if (value == null || value.isEmpty()) {
                    return value;
                }
                // One HMAC gives both picks: its high 32 bits the first name, its low 32 bits the last.
                long bits = keyed.pickLong(normalize(value, caseInsensitive));
                String name = first[(int) ((bits >>> 32) % first.length)] + " "
                        + last[(int) ((bits & 0xFFFFFFFFL) % last.length)];
                return cut(name, maxLength);
            };
        }
        String dictionary = RuleParams.text(params, "dictionary", null);
        String[] entries = entries(dictionary == null
                ? ownValues(params.get("values"))
                : Dictionaries.get(dictionary), maxLength);
        return (value, row) -> value == null || value.isEmpty()
                ? value
                : entries[keyed.pickInt(normalize(value, caseInsensitive), entries.length)];
    }

    private static List<String> dictionaryNames() {
        List<String> names = new ArrayList<>(Dictionaries.NAMES);
        names.add(2, FULL_NAMES);
        return names;
    }

    private static List<String> ownValues(Object values) {
        if (!(values instanceof List<?> list) || list.size() < 2
                || !list.stream().allMatch(entry -> entry instanceof String text && !text.isEmpty())) {
            throw new RuleError("params.values", "values is a list of at least 2 non-empty strings to pick from, "
                    + "like [\"Alpha\", \"Beta\"].");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String normalize(String value, boolean caseInsensitive) {
        return caseInsensitive ? value.toLowerCase(Locale.ROOT) : value;
    }

    /** The entries as an array, each cut to the column's length once here rather than for every value. */
    private static String[] entries(List<String> entries, Integer maxLength) {
        return entries.stream().map(entry -> cut(entry, maxLength)).toArray(String[]::new);
    }

    /** The text cut to the length, never between the two halves of a surrogate pair. */
    private static String cut(String text, Integer maxLength) {
        if (maxLength == null || text.length() <= maxLength) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return text.substring(0, end);
    }
}
