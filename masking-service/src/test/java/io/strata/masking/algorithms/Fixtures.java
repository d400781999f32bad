package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the algorithms' tests share: keys, columns, maskers made through the registry, refusals. */
final class Fixtures {

    private Fixtures() {
    }

    /** Keys of one version in every domain, derived from the version so that runs agree. */
    static MaskingKeys keys(int version) {
        return new TestMaskingKeys("fixtures", version);
    }

    /** A domain's key at a version. */
    static MaskingKey key(String domain, int version) {
        return TestMaskingKeys.key(domain, "fixtures", version);
    }

    /** HMAC-SHA256 of a text's UTF-8 bytes, computed here rather than by the code under test. */
    static byte[] hmac(MaskingKey key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.material(), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A nullable, non-unique, unbounded column of a type. */
    static ColumnInfo column(String type) {
        return new ColumnInfo("public.people", "c", type, null, false, true);
    }

    /** A column of a type and declared length, unique or not. */
    static ColumnInfo column(String type, Integer maxLength, boolean unique) {
        return new ColumnInfo("public.people", "c", type, maxLength, unique, true);
    }

    /** The masker of a rule on a column, through the registry, with keys of the given version. */
    static Masker masker(String algorithm, Map<String, Object> params, ColumnInfo column, int keyVersion) {
        MaskingRule rule = new MaskingRule(column.table(), column.column(), algorithm, params);
        return Algorithms.create(rule, column, keys(keyVersion)).masker();
    }

    /** The masker of a rule on a text column with keys of version 1. */
    static Masker masker(String algorithm, Map<String, Object> params) {
        return masker(algorithm, params, column("text"), 1);
    }

    /** Asserts that the registry refuses the parameters, naming this field. */
    static void assertRefused(String algorithm, Map<String, Object> params, String field) {
        RuleError error = catchThrowableOfType(RuleError.class, () -> Algorithms.check(new MaskingRule("t", "c",
                algorithm, params)));
        assertThat(error).as("refusal of %s", params).isNotNull();
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.getMessage()).isNotBlank();
    }

    /** Asserts that the registry refuses the rule on this column, naming this field. */
    static void assertRefusedOn(String algorithm, Map<String, Object> params, ColumnInfo column, String field) {
        RuleError error = catchThrowableOfType(RuleError.class, () -> masker(algorithm, params, column, 1));
        assertThat(error).as("refusal of %s on %s", params, column).isNotNull();
        assertThat(error.field()).isEqualTo(field);
    }
}
