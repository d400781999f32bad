package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class RedactAlgorithmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "4111 1111 1111 1111";
    private static final String IBAN = "DE89 3704 0044 0532 0130 00";
    private static final String DOCUMENT = """
            {"customer": {"note": "Reach jane.roe@corp.example.org\\nor pay by card %s, \\"IBAN\\": %s.",
             "card": "%s", "iban": "DE89370400440532013000", "amount": 1234.56, "since": "2009-01-02"},
             "tags": ["gold", "\\u0020ssn 123-45-6789"]}""".formatted(CARD, IBAN, CARD.replace(' ', '-'));

    // The tokens first, then words and numbers that stand beside them.
    private static final List<String> PIECES = List.of("jane.roe@corp.example.org", CARD, IBAN, "123-45-6789",
            "+1 (555) 010-9999", "ACME", "é", "12", "x", "\u2028");
    private static final List<String> SEPARATORS = List.of(" ", "\n", "\"", "\\", ", ", "\t", "/", "(", ")");

    private final Masker jsonMasker = masker("redact", Map.of(), column("jsonb"), 1);

    @Test
    void aJsonDocumentStaysValidJsonAndNoOriginalTokenSurvives() throws JsonProcessingException {
        String masked = jsonMasker.mask(DOCUMENT, Masker.Row.NONE);

        JsonNode customer = JSON.readTree(masked).get("customer");
        assertThat(masked).doesNotContain("jane.roe", "corp.example.org", "1111", "3704", "0532", "0130",
                "370400440532013000", "123-45-6789", "6789");
        assertThat(customer.get("amount").decimalValue()).isEqualByComparingTo("1234.56");
        assertThat(customer.get("since").asText()).isEqualTo("2009-01-02");
        String card = customer.get("card").asText();
        assertThat(card).matches("4\\d{3}-\\d{4}-\\d{4}-\\d{4}");
        assertThat(TextTokens.luhnValid(card, 0, card.length())).isTrue();
        String iban = customer.get("iban").asText();
        assertThat(iban).matches("DE\\d{20}").isNotEqualTo("DE89370400440532013000");
        assertThat(TextTokens.ibanValid(iban, 0, iban.length())).isTrue();
        String note = customer.get("note").asText();
        String email = masker("email", Map.of()).mask("jane.roe@corp.example.org", Masker.Row.NONE);
        assertThat(note).startsWith("Reach " + email + "\nor pay by card 4").contains("\"IBAN\": DE");
        assertThat(JSON.readTree(masked).get("tags").get(1).asText()).matches(" ssn \\d{3}-\\d{2}-\\d{4}");
    }

    @Test
    void theSameTextGivesTheSameResultAndAnotherKeyAnotherOne() {
        String masked = jsonMasker.mask(DOCUMENT, Masker.Row.NONE);

        assertThat(masker("redact", Map.of(), column("text"), 1).mask(DOCUMENT, Masker.Row.NONE)).isEqualTo(masked);
        assertThat(masker("redact", Map.of(), column("jsonb"), 2).mask(DOCUMENT, Masker.Row.NONE))
                .isNotEqualTo(masked);
        assertThat(jsonMasker.mask(null, Masker.Row.NONE)).isNull();
    }

    @Test
    void phoneNumbersAndSsnsKeepTheirFormatAndTheRestOfTheTextStays() {
        Masker masker = masker("redact", Map.of());
        String text = "Call +1 (555) 010-9999 or 555-0142, SSN 078051120, ref 3.14159, total 1 000 000 on "
                + "02.01.2009 at 10:30, v1.2.3.";

        String masked = masker.mask(text, Masker.Row.NONE);

        assertThat(masked)
                .matches("Call \\+[1-9] \\(\\d{3}\\) \\d{3}-\\d{4} or \\d{3}-\\d{4}, SSN \\d{9}, ref 3\\.14159, "
                        + "total 1 000 000 on 02\\.01\\.2009 at 10:30, v1\\.2\\.3\\.");
        assertThat(masked).doesNotContain("010-9999", "555-0142", "078051120");
        assertThat(masker.mask("nothing to see, 12 apples", Masker.Row.NONE)).isEqualTo("nothing to see, 12 apples");
    }

    @Test
    void aNumberBesideOthersIsFoundOnItsOwn() {
        String masked = masker("redact", Map.of()).mask("qty 2 4111 1111 1111 1111 12 pcs", Masker.Row.NONE);

        assertThat(masked).matches("qty 2 4\\d{3} \\d{4} \\d{4} \\d{4} 12 pcs").doesNotContain(CARD);
    }

    @Test
    void randomJsonDocumentsStayValidJsonOfTheSameShapeWithoutTheirTokens() throws JsonProcessingException {
        Random random = new Random(7);
        ObjectMapper asciiOnly = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        for (int i = 0; i < 500; i++) {
            ObjectNode document = JSON.createObjectNode();
            for (int field = 0; field < 4; field++) {
                StringBuilder text = new StringBuilder();
                for (int piece = 0; piece < 6; piece++) {
                    text.append(PIECES.get(random.nextInt(PIECES.size())))
                            .append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
                }
                document.put("s" + field, text.toString());
            }
            document.put("n", 4111111111111111L);
            String json = (i % 2 == 0 ? JSON : asciiOnly).writeValueAsString(document);

            JsonNode masked = JSON.readTree(jsonMasker.mask(json, Masker.Row.NONE));

            assertThat(masked.size()).isEqualTo(5);
            assertThat(masked.get("n").isIntegralNumber()).isTrue();
            for (int field = 0; field < 4; field++) {
                assertThat(masked.get("s" + field).asText()).doesNotContain(PIECES.subList(0, 5));
            }
        }
    }

    @Test
    void aCardFailingLuhnAndAWordInsideAnotherAreLeftAlone() {
        Masker masker = masker("redact", Map.of());
        String text = "order 4111111111111112 item X123456789 DE00370400440532013000";

        assertThat(masker.mask(text, Masker.Row.NONE)).isEqualTo(text);
    }

    @Test
    void valuesAndAFixedReplacementReplaceWhatTheyName() {
        Masker masker = masker("redact", Map.of("patterns", List.of("email"), "values", List.of("Project Orion",
                "ACME"), "replacement", "<hidden>"));

        assertThat(masker.mask("acme's project orion mail: a@b.org; ACMEs stay, 123-45-6789 stays",
                Masker.Row.NONE)).isEqualTo("<hidden>'s <hidden> mail: <hidden>; ACMEs stay, 123-45-6789 stays");
        assertThat(masker("redact", Map.of("values", List.of("Smith")))
                .mask("Dr. SMITH, Smithers", Masker.Row.NONE)).isEqualTo("Dr. [REDACTED], Smithers");
    }

    @Test
    void inAJsonColumnNumbersOutsideStringsStayNumbersAndValuesAreSoughtInStringsOnly()
            throws JsonProcessingException {
        Masker masker = masker("redact", Map.of("replacement", "X", "values", List.of("true", "gold")),
                column("json"), 1);
        String document = "{\"pan\": 4111111111111111, \"ok\": true, \"tier\": \"gold\", \"ssn\": 123456789}";

        String masked = masker.mask(document, Masker.Row.NONE);

        JsonNode node = JSON.readTree(masked);
        assertThat(node.get("pan").asText()).matches("4\\d{15}").isNotEqualTo("4111111111111111");
        assertThat(node.get("ok").asBoolean()).isTrue();
        assertThat(node.get("tier").asText()).isEqualTo("X");
        assertThat(node.get("ssn").isInt()).isTrue();
        assertThat(node.get("ssn").asInt()).isNotEqualTo(123456789);
    }

    @Test
    void jsonHeldInATextColumnKeepsItsNumbersUnderAFixedReplacement() throws JsonProcessingException {
        Masker masker = masker("redact", Map.of("replacement", "X"));
        String document = " {\"pan\": 4111111111111111, \"note\": \"call 555 010 9999\"}";

        JsonNode node = JSON.readTree(masker.mask(document, Masker.Row.NONE));

        assertThat(node.get("pan").asText()).matches("4\\d{15}").isNotEqualTo("4111111111111111");
        assertThat(node.get("note").asText()).isEqualTo("call X");
        assertThat(masker.mask("pan 4111111111111111", Masker.Row.NONE)).isEqualTo("pan X");
    }

    @Test
    void keysAreTextAndEmailsUnlessAddressesGetTheFixedReplacement() {
        Algorithm redact = Algorithms.named("redact");

        assertThat(redact.keyDomains(Map.of())).containsExactlyInAnyOrder("text", "emails");
        assertThat(redact.keyDomains(Map.of("replacement", "-"))).containsExactly("text");
        assertThat(redact.keyDomains(Map.of("patterns", List.of("card")))).containsExactly("text");
    }

    @Test
    void aResultLongerThanTheColumnIsCut() {
        String masked = masker("redact", Map.of(), column("varchar", 30, false), 1).mask("write to a@b.org now",
                Masker.Row.NONE);

        assertThat(masked).hasSize(30).startsWith("write to ").doesNotContain("a@b.org");
    }

    @Test
    void wrongParametersAndColumnsAreRefusedByName() {
        assertRefused("redact", Map.of("patterns", List.of("zip")), "params.patterns");
        assertRefused("redact", Map.of("patterns", "email"), "params.patterns");
        assertRefused("redact", Map.of("patterns", List.of()), "params.patterns");
        assertRefused("redact", Map.of("values", List.of("a\"b")), "params.values");
        assertRefused("redact", Map.of("replacement", "\\x"), "params.replacement");
        assertRefused("redact", Map.of("replacment", "x"), "params.replacment");
        Fixtures.assertRefusedOn("redact", Map.of(), column("int4"), "column");
    }
}
