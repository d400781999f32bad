package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AlgorithmsTest {

    @Test
    void theRegistryKnowsTheseAlgorithms() {
        assertThat(Algorithms.names()).contains("address", "date-shift", "email", "fixed", "min-max", "noise",
                "null", "phone", "redact");
    }

    @Test
    void aKeyedAlgorithmGetsItsDomainsKeyAndAKeylessOneNone() {
        MaskingRule phone = new MaskingRule("t", "c", "phone", Map.of());
        MaskingRule fixed = new MaskingRule("t", "c", "fixed", Map.of("value", "x"));

        Algorithms.Configured configured = Algorithms.create(phone, column("text"), Fixtures.keys(4));

        assertThat(configured.keyId()).isEqualTo("phones-4");
        assertThat(configured.keyIds()).containsExactly("phones-4");
        Algorithms.Configured keyless = Algorithms.create(fixed, column("text"), Fixtures.keys(4));
        assertThat(keyless.keyId()).isNull();
        assertThat(keyless.keyIds()).isEmpty();
    }

    @Test
    void aUniqueColumnTakesEmailButNotPhone() {
        ColumnInfo unique = column("varchar", 255, true);

        assertThat(Algorithms.create(new MaskingRule("t", "c", "email", Map.of()), unique, Fixtures.keys(1))
                .masker()).isNotNull();
        Fixtures.assertRefusedOn("phone", Map.of(), unique, "algorithm");
    }
}
