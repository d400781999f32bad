package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyedPermutationTest {

    static final KeyedPermutation PERMUTATION = new KeyedPermutation(
            "a key of thirty-two bytes, for AES".substring(0, 32).getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 9, 10, 90, 100, 257, 9_000, 22_768, 90_000, 900_000})
    void everySizeIsPermutedWholly(long size) {
        BitSet seen = new BitSet();
        int fixedPoints = 0;
        for (long value = 0; value < size; value++) {
            long image = PERMUTATION.permute(value, size, 7);
            assertThat(image).isBetween(0L, size - 1);
            seen.set((int) image);
            fixedPoints += image == value ? 1 : 0;
        }

        assertThat(seen.cardinality()).isEqualTo((int) size);
        // A random permutation fixes one value on average; far more would mean it is close to the identity.
        assertThat(fixedPoints).isLessThan(Math.max(3, (int) size / 100));
    }

    @ParameterizedTest
    @ValueSource(longs = {1_000, 1_147_483_648L, KeyedPermutation.MAX_SIZE})
    void theTweakAndTheKeyPickDifferentPermutations(long size) {
        KeyedPermutation other = new KeyedPermutation(new byte[32]);
        int sameForTweak = 0;
        int sameForKey = 0;
        for (long value = 0; value < 200; value++) {
            long image = PERMUTATION.permute(value, size, 1);
            assertThat(PERMUTATION.permute(value, size, 1)).isEqualTo(image);
            sameForTweak += PERMUTATION.permute(value, size, 2) == image ? 1 : 0;
            sameForKey += other.permute(value, size, 1) == image ? 1 : 0;
        }

        assertThat(sameForTweak).isLessThan(5);
        assertThat(sameForKey).isLessThan(5);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 10})
    void aValueOutsideTheRangeIsRefused(long value) {
        assertThatThrownBy(() -> PERMUTATION.permute(value, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
