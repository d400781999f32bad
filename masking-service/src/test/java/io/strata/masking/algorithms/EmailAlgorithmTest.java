package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EmailAlgorithmTest {

    private static final String SUFFIX = "[a-z2-7]{24}";
    private static final Map<String, Object> BY_NAME = Map.of("firstNameColumn", "first_name", "lastNameColumn",
            "last_name");

    @Test
    void anAddressBecomesFirstDotLastDotSuffixAtExampleCom() {
        String masked = masker("email", Map.of()).mask("jane.roe@corp.example.org", Masker.Row.NONE);

        assertThat(masked).matches("[a-z0-9]+\\.[a-z0-9]+\\." + SUFFIX + "@example\\.com");
        String first = masked.substring(0, masked.indexOf('.'));
        assertThat(Dictionaries.get("first-names").stream().map(EmailMasker::fold)).contains(first);
    }

    @Test
    void theSameAddressGivesTheSameResultInAnyTableAndAnotherKeyAnotherResult() {
        ColumnInfo users = new ColumnInfo("public.users", "email", "varchar", 200, true, false);
        ColumnInfo orders = new ColumnInfo("sales.orders", "contact", "text", null, false, true);

        String inUsers = masker("email", Map.of(), users, 1).mask("jane.roe@corp.example.org", Masker.Row.NONE);

        assertThat(masker("email", Map.of(), orders, 1).mask("jane.roe@corp.example.org", Masker.Row.NONE))
                .isEqualTo(inUsers);
        assertThat(masker("email", Map.of(), orders, 2).mask("jane.roe@corp.example.org", Masker.Row.NONE))
                .isNotEqualTo(inUsers);
        assertThat(masker("email", Map.of()).mask(null, Masker.Row.NONE)).isNull();
    }

    @Test
    void distinctAddressesStayDistinctSoAUniqueColumnIsAccepted() {
        Masker masker = masker("email", Map.of(), column("varchar", 255, true), 1);
        Set<String> masked = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            masked.add(masker.mask("user" + i + "@example.org", Masker.Row.NONE));
        }

        assertThat(masked).hasSize(20_000);
        assertThat(Algorithms.named("email").keepsDistinct()).isTrue();
    }

    @Test
    void theDomainIsTheParameterOrTheOriginalOne() {
        assertThat(masker("email", Map.of("domain", "Test.Invalid")).mask("a@b.org", Masker.Row.NONE))
                .endsWith("@test.invalid");
        Masker keeping = masker("email", Map.of("keepDomain", true, "domain", "fallback.test"));
        assertThat(keeping.mask("a@shop.example.net", Masker.Row.NONE)).endsWith("@shop.example.net")
                .doesNotStartWith("a@");
        assertThat(keeping.mask("no address", Masker.Row.NONE)).endsWith("@fallback.test");
    }

    @Test
    void nameColumnsGiveTheNamesSecureLookupGivesThem() {
        Map<String, String> row = Map.of("first_name", "Jane", "last_name", "ROE");
        Masker masker = masker("email", BY_NAME);

        String masked = masker.mask("jane.roe@corp.example.org", row::get);

        // The names are the ones secure-lookup gives the name columns under the same key.
        String first = secureLookup("Jane", "first-names");
        String last = secureLookup("ROE", "last-names");
        assertThat(masked).matches(first + "\\." + last + "\\." + SUFFIX + "@example\\.com");
        assertThat(masker.mask("other@corp.example.org", Map.of("first_name", "jane", "last_name", "roe")::get))
                .startsWith(first + "." + last + ".");
    }

    @Test
    void aMissingNameFallsBackToTheHashAndTheRegistryHandsBothKeys() {
        Masker masker = masker("email", BY_NAME);

        assertThat(masker.mask("jane.roe@corp.example.org", Masker.Row.NONE))
                .isEqualTo(masker("email", Map.of()).mask("jane.roe@corp.example.org", Masker.Row.NONE));
        MaskingRule rule = new MaskingRule("t", "c", "email", BY_NAME);
        assertThat(Algorithms.create(rule, column("text"), Fixtures.keys(3)).keyIds())
                .containsExactly("emails-v3", "names-v3");
        assertThat(Algorithms.named("email").keyDomains(Map.of())).containsExactly("emails");
    }

    @Test
    void aShortColumnGetsTheSuffixAloneAndATooShortOneIsRefused() {
        String masked = masker("email", Map.of(), column("varchar", 40, true), 1).mask("jane.roe@corp.example.org",
                Masker.Row.NONE);

        assertThat(masked).matches(SUFFIX + "@example\\.com");
        Fixtures.assertRefusedOn("email", Map.of(), column("varchar", 30, false), "params.domain");
        assertThatThrownBy(() -> masker("email", Map.of("keepDomain", true), column("varchar", 40, false), 1)
                .mask("x@a-rather-long-subdomain.example.org", Masker.Row.NONE))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("a-rather-long");
    }

    @Test
    void wrongParametersAreRefusedByName() {
        assertRefused("email", Map.of("domain", "not a domain"), "params.domain");
        assertRefused("email", Map.of("domain", 12), "params.domain");
        assertRefused("email", Map.of("keepDomain", "yes"), "params.keepDomain");
        assertRefused("email", Map.of("firstNameColumn", ""), "params.firstNameColumn");
        assertRefused("email", Map.of("lastNameColumn", List.of("x")), "params.lastNameColumn");
        assertRefused("email", Map.of("domian", "example.org"), "params.domian");
    }

    private static String secureLookup(String original, String dictionary) {
        Masker lookup = Algorithms.create(new MaskingRule("t", "name", "secure-lookup", Map.of("dictionary",
                dictionary)), column("text"), Fixtures.keys(1)).masker();
        return EmailMasker.fold(lookup.mask(original, Masker.Row.NONE));
    }
}
