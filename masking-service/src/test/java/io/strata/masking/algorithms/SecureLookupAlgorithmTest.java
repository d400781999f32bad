package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecureLookupAlgorithmTest {

    static final SecureLookupAlgorithm LOOKUP = new SecureLookupAlgorithm();
    static final MaskingKey KEY = TestMaskingKeys.key("names", "one");

    static Masker masker(Map<String, Object> params, Integer maxLength, MaskingKey key) {
        ColumnInfo column = new ColumnInfo("people", "name", "varchar", maxLength, false, true);
        return LOOKUP.create(new MaskingRule("people", "name", "secure-lookup", params), column, key);
    }

    static String mask(Masker masker, String value) {
        return masker.mask(value, Masker.Row.NONE);
    }

    @Test
    void theSameValueAlwaysGetsTheSameEntryAndAnotherKeyAnother() {
        Masker masker = masker(Map.of("dictionary", "last-names"), null, KEY);
        Masker again = masker(Map.of("dictionary", "last-names"), null, TestMaskingKeys.key("names", "one"));
        Masker otherKey = masker(Map.of("dictionary", "last-names"), null, TestMaskingKeys.key("names", "two"));
        int sameUnderOtherKey = 0;
        for (int i = 0; i < 1_000; i++) {
            String value = "Surname" + i;
            String masked = mask(masker, value);
            assertThat(Dictionaries.get("last-names")).contains(masked);
            assertThat(mask(again, value)).isEqualTo(masked);
            sameUnderOtherKey += mask(otherKey, value).equals(masked) ? 1 : 0;
        }

        assertThat(sameUnderOtherKey).isLessThan(10);
        assertThat(mask(masker, null)).isNull();
        assertThat(mask(masker, "")).isEmpty();
    }

    @Test
    void caseIsIgnoredUnlessTurnedOff() {
        Masker insensitive = masker(Map.of("dictionary", "first-names"), null, KEY);
        Masker sensitive = masker(Map.of("dictionary", "first-names", "caseInsensitive", false), null, KEY);
        int differ = 0;
        for (int i = 0; i < 100; i++) {
            String value = "smith" + i;
            String upper = value.toUpperCase(Locale.ROOT);
            assertThat(mask(insensitive, upper)).isEqualTo(mask(insensitive, value));
            differ += mask(sensitive, upper).equals(mask(sensitive, value)) ? 0 : 1;
        }

        assertThat(differ).isGreaterThan(90);
    }

    @Test
    void tenThousandValuesUseMostOfTheDictionary() {
        Masker masker = masker(Map.of("dictionary", "first-names"), null, KEY);
        Map<String, Integer> uses = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            uses.merge(mask(masker, "customer-" + i), 1, Integer::sum);
        }

        int size = Dictionaries.get("first-names").size();
        // 10,000 uniform picks from about 1,650 entries leave under 1% of them unused.
        assertThat(uses).hasSizeGreaterThan(size * 95 / 100);
        assertThat(uses.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThan(25);
    }

    @Test
    void fullNamesAreAFirstAndALastName() {
        Masker masker = masker(Map.of("dictionary", "full-names"), null, KEY);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String name = mask(masker, "Person " + i);
            String first = name.substring(0, name.indexOf(' '));
            assertThat(Dictionaries.get("first-names")).contains(first);
            assertThat(Dictionaries.get("last-names")).contains(name.substring(first.length() + 1));
            names.add(name);
        }

        assertThat(names).hasSizeGreaterThan(1_990);
    }

    @Test
    void aRulesOwnValuesArePickedFrom() {
        List<String> tiers = List.of("Bronze", "Silver", "Gold", "Platinum");
        Masker masker = masker(Map.of("values", tiers), null, KEY);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            used.add(mask(masker, "account " + i));
        }

        assertThat(used).containsExactlyInAnyOrderElementsOf(tiers);
    }

    @Test
    void entriesAreCutToTheColumnsLength() {
        Masker cities = masker(Map.of("dictionary", "cities"), 6, KEY);
        Masker names = masker(Map.of("dictionary", "full-names"), 8, KEY);
        for (int i = 0; i < 2_000; i++) {
            assertThat(mask(cities, "city " + i)).hasSizeLessThanOrEqualTo(6).isNotEmpty();
            assertThat(mask(names, "name " + i)).hasSizeLessThanOrEqualTo(8).isNotEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|params.dictionary|first-names",
            "{dictionary: phone-numbers}|params.dictionary|companies",
            "{dictionary: cities, values: [a, b]}|params.dictionary|exactly one",
            "{values: [only]}|params.values|at least 2",
            "{values: [a, 7]}|params.values|strings",
            "{values: text}|params.values|list",
            "{dictionary: cities, caseInsensitive: maybe}|params.caseInsensitive|true or false",
            "{dictionary: cities, domain: Names}|params.domain|lower-case",
            "{dictionary: cities, dictonary: streets}|params.dictonary|it takes"})
    void badParametersAreRefusedByName(String params, String field, String hint) {
        assertThatThrownBy(() -> LOOKUP.check(parse(params))).isInstanceOfSatisfying(RuleError.class, error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.getMessage()).contains(hint);
        });
    }

    @Test
    void itDoesNotKeepValuesDistinct() {
        assertThat(LOOKUP.keepsDistinct()).isFalse();
        assertThat(LOOKUP.keyDomain(Map.of("dictionary", "cities"))).isEqualTo("names");
        assertThat(LOOKUP.keyDomain(Map.of("dictionary", "cities", "domain", "places"))).isEqualTo("places");
    }

    /** A tiny reader of {@code {key: value, key: [a, b]}}, so that the cases above read as a ruleset would. */
    static Map<String, Object> parse(String text) {
        Map<String, Object> params = new HashMap<>();
        String body = text.substring(1, text.length() - 1).strip();
        for (String pair : body.isEmpty() ? new String[0] : body.split(",\\s*(?![^\\[]*\\])")) {
            String[] keyValue = pair.split(":\\s*", 2);
            String value = keyValue[1];
            Object parsed = value;
            if (value.startsWith("[")) {
                parsed = List.of(value.substring(1, value.length() - 1).split(",\\s*")).stream()
                        .<Object>map(entry -> entry.matches("\\d+") ? Integer.valueOf(entry) : entry)
                        .toList();
            }
            params.put(keyValue[0], parsed);
        }
        return params;
    }
}
