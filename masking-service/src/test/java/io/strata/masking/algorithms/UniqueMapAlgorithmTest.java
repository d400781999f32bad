package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UniqueMapAlgorithmTest {

    static final UniqueMapAlgorithm UNIQUE_MAP = new UniqueMapAlgorithm();
    static final MaskingKey KEY = TestMaskingKeys.key("keys", "one");

    static Masker masker(String table, String type, MaskingKey key) {
        ColumnInfo column = new ColumnInfo(table, "id", type, null, true, false);
        return UNIQUE_MAP.create(new MaskingRule(table, "id", "unique-map", Map.of()), column, key);
    }

    static String mask(Masker masker, String value) {
        return masker.mask(value, Masker.Row.NONE);
    }

    @Test
    void aMillionDistinctIntegersStayDistinctWithTheirSignAndDigitCount() {
        Masker masker = masker("orders", "int8", KEY);
        long[] masked = new long[1_000_000];
        int next = 0;
        for (long value = -400_000; value < 600_000; value++) {
            String original = Long.toString(value);
            String result = mask(masker, original);
            assertThat(result).hasSameSizeAs(original);
            assertThat(result.startsWith("-")).isEqualTo(value < 0);
            // A one-digit number may become 0, as 0 may become another digit; no longer number gets a leading zero.
            if (value <= -10 || value >= 10) {
                assertThat(result).doesNotStartWith("0");
            }
            assertThat(result).doesNotStartWith("-0");
            masked[next++] = Long.parseLong(result);
        }

        assertThat(LongStream.of(masked).distinct().count()).isEqualTo(masked.length);
    }

    @Test
    void int2IsPermutedWithinItsRange() {
        Masker masker = masker("t", "int2", KEY);
        long[] masked = LongStream.rangeClosed(Short.MIN_VALUE, Short.MAX_VALUE)
                .map(value -> Long.parseLong(mask(masker, Long.toString(value))))
                .sorted()
                .toArray();

        assertThat(masked).isEqualTo(LongStream.rangeClosed(Short.MIN_VALUE, Short.MAX_VALUE).toArray());
    }

    @Test
    void int4AndInt8StayInTheirRanges() {
        Masker int4 = masker("t", "int4", KEY);
        Masker int8 = masker("t", "int8", KEY);
        Random random = new Random(4);
        Set<String> masked = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            long big = Integer.MAX_VALUE - random.nextInt(1_147_483_648);
            for (String value : List.of(Long.toString(big), Long.toString(-big - 1))) {
                String result = mask(int4, value);
                assertThat(Long.parseLong(result)).isBetween((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
                assertThat(result).hasSameSizeAs(value).doesNotStartWith("0").doesNotStartWith("-0");
                masked.add(result);
            }
            long huge = Long.MAX_VALUE - Math.floorMod(random.nextLong(), 8_000_000_000_000_000_000L);
            String result = mask(int8, Long.toString(huge));
            // parseLong refuses anything beyond the type's range.
            assertThat(Long.parseLong(result)).isPositive();
            assertThat(result).hasSize(19);
        }

        assertThat(masked).hasSize(40_000);
        assertThat(mask(int8, "-9223372036854775808")).hasSize(20).startsWith("-").doesNotStartWith("-0");
        assertThat(Long.parseLong(mask(int8, "-9223372036854775808"))).isNegative();
    }

    @Test
    void numericsKeepTheirScaleAndHaveNoLeadingZero() {
        Masker masker = masker("t", "numeric", KEY);

        assertThat(mask(masker, "123.45")).matches("[1-9]\\d{2}\\.\\d{2}");
        assertThat(mask(masker, "0.05")).matches("0\\.0\\d");
        assertThat(mask(masker, "-0.50")).matches("-0\\.[1-9]\\d");
        assertThat(mask(masker, "123456789012345678901234567890")).matches("[1-9]\\d{29}");
        assertThat(mask(masker, "NaN")).isEqualTo("NaN");
        assertThatThrownBy(() -> mask(masker, "12abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("12abc");
    }

    @Test
    void aHundredThousandShortStringsStayDistinctAndKeepTheirFormat() {
        Masker masker = masker("users", "varchar", KEY);
        Random random = new Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_. ";
        Set<String> originals = new HashSet<>();
        while (originals.size() < 100_000) {
            char[] chars = new char[1 + random.nextInt(5)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            originals.add(new String(chars));
        }
        Set<String> masked = new HashSet<>();
        for (String original : originals) {
            String result = mask(masker, original);
            assertThat(result.replaceAll("[a-z]", "a").replaceAll("[A-Z]", "A").replaceAll("\\d", "0"))
                    .isEqualTo(original.replaceAll("[a-z]", "a").replaceAll("[A-Z]", "A").replaceAll("\\d", "0"));
            masked.add(result);
        }

        assertThat(masked).hasSameSizeAs(originals);
        assertThat(mask(masker, "")).isEmpty();
        assertThat(mask(masker, null)).isNull();
    }

    @Test
    void everyValueOfAFormatMadeOfShortClassesGetsAnImageOfItsOwn() {
        Masker masker = masker("t", "varchar", KEY);
        Set<String> masked = new HashSet<>();
        for (char upper = 'A'; upper <= 'Z'; upper++) {
            for (char lower = 'a'; lower <= 'z'; lower++) {
                for (int number = 0; number < 100; number++) {
                    String result = mask(masker, String.format("%c%c-%02d", upper, lower, number));
                    assertThat(result).matches("[A-Z][a-z]-\\d\\d");
                    masked.add(result);
                }
            }
        }

        assertThat(masked).hasSize(26 * 26 * 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"40000", "-32769", "123456"})
    void aNumberBeyondItsTypeIsRefusedWithoutShowingIt(String value) {
        Masker masker = masker("t", "int2", KEY);

        assertThatThrownBy(() -> mask(masker, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(value);
        assertThatThrownBy(() -> mask(masker("t", "int8", KEY), "9223372036854775808"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
    }

    @Test
    void uuidsKeepTheirFormatVersionAndVariant() {
        Masker masker = masker("t", "uuid", KEY);
        Set<String> masked = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String uuid = UUID.randomUUID().toString();
            String result = mask(masker, uuid);
            assertThat(UUID.fromString(result).toString()).isEqualTo(result);
            assertThat(UUID.fromString(result).version()).isEqualTo(4);
            assertThat(result.charAt(19)).isEqualTo(uuid.charAt(19));
            masked.add(result);
        }

        assertThat(masked).hasSize(10_000);
        assertThatThrownBy(() -> mask(masker, "not-a-uuid")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameValueInTwoTablesGetsTheSameImageUnderTheSameKeyOnly() {
        Masker customers = masker("customers", "int8", KEY);
        Masker orders = masker("orders", "int8", TestMaskingKeys.key("keys", "one"));
        Masker elsewhere = masker("orders", "int8", TestMaskingKeys.key("keys", "two"));
        String[] ids = {"7", "42", "31337", "1234567", "98765432101"};

        assertThat(Arrays.stream(ids).map(id -> mask(orders, id)))
                .containsExactly(Arrays.stream(ids).map(id -> mask(customers, id)).toArray(String[]::new));
        assertThat(Arrays.stream(ids).filter(id -> mask(elsewhere, id).equals(mask(customers, id)))).hasSizeLessThan(2);
        Masker codes = masker("a", "text", KEY);
        assertThat(mask(masker("b", "varchar", KEY), "AB-1234")).isEqualTo(mask(codes, "AB-1234"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"date", "timestamptz", "jsonb", "bool"})
    void otherTypesAreRefused(String type) {
        assertThatThrownBy(() -> masker("t", type, KEY)).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("algorithm"));
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> UNIQUE_MAP.check(Map.of("luhn", true))).isInstanceOfSatisfying(RuleError.class,
                error -> assertThat(error.field()).isEqualTo("params.luhn"));
        assertThat(UNIQUE_MAP.keyDomain(Map.of())).isEqualTo("keys");
        assertThat(UNIQUE_MAP.keyDomain(Map.of("domain", "customer-ids"))).isEqualTo("customer-ids");
        assertThat(UNIQUE_MAP.keepsDistinct()).isTrue();
    }
}
