package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DictionariesTest {

    @ParameterizedTest
    @CsvSource({"first-names, 1000", "last-names, 1000", "cities, 300", "streets, 300", "companies, 200"})
    void eachDictionaryIsLargeDistinctAndReadsLikeRealEntries(String name, int atLeast) {
        List<String> entries = Dictionaries.get(name);

        assertThat(entries).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(entries.stream().map(entry -> entry.toLowerCase(Locale.ROOT)).distinct().count())
                .isEqualTo(entries.size());
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry).isEqualTo(entry.strip()).isNotEmpty();
            assertThat(Character.isUpperCase(entry.charAt(0)) || Character.isLowerCase(entry.charAt(0))).isTrue();
        });
        if (!"streets".equals(name)) {
            assertThat(entries).noneMatch(entry -> entry.matches(".*\\d.*"));
        }
        assertThat(Dictionaries.get(name)).isSameAs(entries);
    }

    @Test
    void anUnknownDictionaryIsRefused() {
        assertThatThrownBy(() -> Dictionaries.get("planets")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first-names");
    }
}
