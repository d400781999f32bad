package io.strata.common.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Generated passwords. */
class PasswordsTest {

    @Test
    void passwordsAreLongUnambiguousAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = Passwords.generate();
            assertThat(password).hasSize(Passwords.LENGTH).matches("[" + Passwords.ALPHABET + "]+")
                    .doesNotContain("0", "O", "1", "l", "I");
            seen.add(password);
        }
        assertThat(seen).hasSize(1000);
    }
}
