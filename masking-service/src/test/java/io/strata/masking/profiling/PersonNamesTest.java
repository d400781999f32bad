package io.strata.masking.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.strata.masking.profiling.PersonNames.Part;

class PersonNamesTest {

    private final PersonNames names = new PersonNames();

    @Test
    void namesAreFoundIgnoringCaseAndAccents() {
        assertThat(names.of("Jennifer")).isIn(Part.FIRST, Part.EITHER);
        assertThat(names.of("JENNIFER")).isEqualTo(names.of("Jennifer"));
        assertThat(names.of("Luís")).isEqualTo(names.of("Luis")).isNotNull();
        assertThat(names.of("Peterson")).isIn(Part.LAST, Part.EITHER);
    }

    @Test
    void aFullNameIsAFirstNameThenALastName() {
        assertThat(names.of("Jennifer Peterson")).isEqualTo(Part.FULL);
        assertThat(names.of("Peterson, Jennifer")).isEqualTo(Part.FULL);
        assertThat(names.of("Jennifer Ann Peterson")).isEqualTo(Part.FULL);
    }

    @Test
    void titlesAndWordsAreNoNames() {
        assertThat(names.of("For Those About To Rock (We Salute You)")).isNull();
        assertThat(names.of("Balls to the Wall")).isNull();
        assertThat(names.of("Qwertyuiop")).isNull();
        assertThat(names.of("J")).isNull();
    }

    @Test
    void textMayHoldNameWordsByChance() {
        assertThat(names.holdsNameWord("Angel of Harlem")).isTrue();
        assertThat(names.holdsNameWord("Balls to the Wall")).isFalse();
    }
}
