package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Masks 200,000 values with each algorithm, as a masking job does, on one thread. It asserts what must hold at any
 * volume (a value for every value, distinct inputs kept distinct where promised), not the time it takes: throughput
 * is measured by the benchmarks.
 */
class AlgorithmVolumeTest {

    static final int VALUES = 200_000;
    static final MaskingKey KEY = TestMaskingKeys.key("volume", "one");

    static Stream<Arguments> columns() {
        Random random = new Random(11);
        return Stream.of(
                Arguments.of("fpe", Map.of("luhn", true), "varchar", values(i -> card(random))),
                Arguments.of("unique-map", Map.of(), "int8", values(i -> Long.toString(1_000_000L + i * 37L))),
                Arguments.of("unique-map", Map.of(), "text", values(i -> "CUST-" + i + "-" + (char) ('a' + i % 26))),
                Arguments.of("unique-map", Map.of(), "uuid", values(i -> new UUID(i, ~i).toString())),
                Arguments.of("secure-lookup", Map.of("dictionary", "full-names"), "varchar",
                        values(i -> "Customer " + i)));
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("columns")
    void everyValueIsMasked(String algorithm, Map<String, Object> params, String type, String[] values) {
        ColumnInfo column = new ColumnInfo("t", "c", type, null, false, true);
        Masker masker = Algorithms.named(algorithm).create(new MaskingRule("t", "c", algorithm, params), column,
                KEY);

        String[] masked = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            masked[i] = masker.mask(values[i], Masker.Row.NONE);
        }

        assertThat(masked).doesNotContainNull();
        if (Algorithms.named(algorithm).keepsDistinct()) {
            assertThat(Arrays.stream(masked).distinct().count())
                    .isEqualTo(Arrays.stream(values).distinct().count());
        }
    }

    static String[] values(IntFunction<String> value) {
        String[] values = new String[VALUES];
        Arrays.setAll(values, value);
        return values;
    }

    static String card(Random random) {
        return FpeAlgorithmTest.validCard(random);
    }
}
