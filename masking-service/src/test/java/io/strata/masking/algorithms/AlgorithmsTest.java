package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlgorithmsTest {

    static final ColumnInfo CUSTOMER_ID = new ColumnInfo("customers", "id", "int8", null, true, false);
    static final ColumnInfo LAST_NAME = new ColumnInfo("customers", "last_name", "varchar", 60, false, true);

    @TempDir
    Path secrets;

    @Test
    void anUnknownAlgorithmIsRefusedWithTheNamesThereAre() {
        MaskingRule rule = new MaskingRule("customers", "id", "scramble", Map.of());

        assertThatThrownBy(() -> Algorithms.check(rule)).isInstanceOfSatisfying(RuleError.class, error -> {
            assertThat(error.field()).isEqualTo("algorithm");
            assertThat(error.getMessage()).contains("scramble").contains("fpe").contains("secure-lookup")
                    .contains("unique-map");
        });
        assertThatThrownBy(() -> Algorithms.named(null)).isInstanceOf(RuleError.class);
        assertThat(Algorithms.names()).contains("fpe", "secure-lookup", "unique-map").isSorted();
    }

    @Test
    void secureLookupIsRefusedOnAUniqueColumnAndUniqueMapAccepted() {
        FileMaskingKeys keys = new FileMaskingKeys(secrets);
        MaskingRule lookup = new MaskingRule("customers", "id", "secure-lookup", Map.of("dictionary", "cities"));

        assertThatThrownBy(() -> Algorithms.create(lookup, CUSTOMER_ID, keys)).isInstanceOfSatisfying(
                RuleError.class, error -> {
                    assertThat(error.field()).isEqualTo("algorithm");
                    assertThat(error.getMessage()).contains("customers.id").contains("unique-map");
                });

        Algorithms.Configured configured = Algorithms.create(
                new MaskingRule("customers", "id", "unique-map", Map.of()), CUSTOMER_ID, keys);
        assertThat(configured.keyId()).isEqualTo("keys-v1");
        assertThat(configured.masker().mask("123456", Masker.Row.NONE)).matches("[1-9]\\d{5}");
    }

    @Test
    void theKeyIdIsTheCurrentKeyOfTheRulesDomain() {
        FileMaskingKeys keys = new FileMaskingKeys(secrets);
        MaskingRule rule = new MaskingRule("customers", "last_name", "secure-lookup",
                Map.of("dictionary", "last-names", "domain", "people"));

        assertThat(Algorithms.create(rule, LAST_NAME, keys).keyId()).isEqualTo("people-v1");
        keys.rotate("people");
        Algorithms.Configured rotated = Algorithms.create(rule, LAST_NAME, keys);
        assertThat(rotated.keyId()).isEqualTo("people-v2");
        assertThat(Dictionaries.get("last-names")).contains(rotated.masker().mask("Smith", Masker.Row.NONE));
        assertThat(Algorithms.create(new MaskingRule("payments", "card", "fpe", Map.of()),
                new ColumnInfo("payments", "card", "varchar", 19, true, false), keys).keyId()).isEqualTo("fpe-v1");
    }

    @Test
    void aRulesParametersAreCheckedByItsAlgorithm() {
        MaskingRule rule = new MaskingRule("customers", "last_name", "secure-lookup", Map.of());

        assertThatThrownBy(() -> Algorithms.check(rule)).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("params.dictionary"));
        assertThatThrownBy(() -> Algorithms.create(rule, LAST_NAME, new FileMaskingKeys(secrets)))
                .isInstanceOf(RuleError.class);
    }

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

        assertThat(configured.keyId()).isEqualTo("phones-v4");
        assertThat(configured.keyIds()).containsExactly("phones-v4");
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

    @Test
    void textAlgorithmsRefuseAColumnThatIsNotText() {
        for (String algorithm : List.of("phone", "address", "email")) {
            Fixtures.assertRefusedOn(algorithm, Map.of(), column("int4"), "column");
        }
        Fixtures.assertRefusedOn("secure-lookup", Map.of("dictionary", "cities"), column("date"), "column");
    }
}
