package io.strata.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.strata.contracts.api.Violations;

/** The checks of a bookmark request that need nothing but the request itself. */
class CreateBookmarkTest {

    private static final String NAME = "is required: 1 to 100 letters, digits, spaces or . _ : -, starting with a "
            + "letter or digit";
    private static final String TAG = "is not a valid tag: 1 to 63 letters, digits or . _ : / -, starting with a "
            + "letter or digit";

    private static CreateBookmark request(String name, List<String> tags) {
        return new CreateBookmark(name, "snap-1", null, tags, null, null);
    }

    @Test
    void aNameOfLettersDigitsSpacesAndPunctuationIsKeptAsGiven() {
        assertThat(Violations.of(request("before release 1.2: ok", null))).isEmpty();
        assertThat(request("before release 1.2: ok", null).name()).isEqualTo("before release 1.2: ok");
        assertThat(Violations.of(request(null, null))).containsEntry("name", NAME);
        assertThat(Violations.of(request(" leading space", null))).containsEntry("name", NAME);
        assertThat(Violations.of(request("x".repeat(100), null))).isEmpty();
        assertThat(Violations.of(request("x".repeat(101), null))).containsEntry("name", NAME);
    }

    @Test
    void tagsAreOptionalAndEachMustBeAName() {
        assertThat(Violations.of(request("a", List.of("team/db", "v1.2")))).isEmpty();
        assertThat(Violations.of(request("a", List.of("ok", "not ok")))).containsEntry("tags[1].<list element>",
                TAG);
        assertThat(Violations.of(request("a", Arrays.asList("ok", null)))).containsEntry("tags[1].<list element>",
                TAG);
        assertThat(Violations.of(request("a", List.of("x".repeat(64))))).containsOnlyKeys("tags[0].<list element>");
    }
}
