package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedKeysTest {

    @TempDir
    Path home;

    @Test
    void aPinnedDomainKeepsItsVersionAfterARotationAndTheOthersFollowTheCurrentKey() {
        FileMaskingKeys keys = new FileMaskingKeys(home);
        MaskingKey names1 = keys.current("names");
        keys.current("emails");
        keys.rotate("names");
        MaskingKey emails2 = keys.rotate("emails");

        PinnedKeys pinned = new PinnedKeys(keys, PinnedKeys.checked(Map.of("names", "names-v1"), keys));

        assertThat(pinned.current("names")).isEqualTo(names1);
        assertThat(pinned.current("emails")).isEqualTo(emails2);
        assertThat(new PinnedKeys(keys, null).current("names").id()).isEqualTo("names-v2");
    }

    @Test
    void aPinMustNameAnExistingKeyOfItsOwnDomain() {
        FileMaskingKeys keys = new FileMaskingKeys(home);
        keys.current("names");
        keys.current("emails");

        for (Map<String, String> pins : java.util.List.of(Map.of("names", "emails-v1"), Map.of("names", "names-v2"),
                Map.of("names", "names"))) {
            assertThatThrownBy(() -> PinnedKeys.checked(pins, keys)).isInstanceOfSatisfying(RuleError.class,
                    error -> assertThat(error.field()).isEqualTo("keys.names"));
        }
        assertThatThrownBy(() -> PinnedKeys.checked(Map.of("Names", "names-v1"), keys)).isInstanceOfSatisfying(
                RuleError.class, error -> assertThat(error.field()).isEqualTo("keys.Names"));
        assertThat(PinnedKeys.checked(Map.of("names", "names-v1", "emails", "emails-v1"), keys)).containsExactly(Map
                .entry("emails", "emails-v1"), Map.entry("names", "names-v1"));
    }
}
