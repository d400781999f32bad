package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LongSetTest {

    @Test
    void keysAreFoundWithTheirFirstTagAfterManyGrowths() {
        LongSet set = new LongSet(4, true);
        Map<Long, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextLong();
            int tag = random.nextInt(LongSet.MAX_TAG + 1);
            assertThat(set.add(key, tag)).isEqualTo(expected.putIfAbsent(key, tag) == null);
        }
        expected.forEach((key, tag) -> assertThat(set.tag(key)).isEqualTo(tag));
        assertThat(set.size()).isEqualTo(expected.size());
        SplittableRandom others = new SplittableRandom(8);
        for (int i = 0; i < 10_000; i++) {
            long key = others.nextLong();
            assertThat(set.contains(key)).isEqualTo(expected.containsKey(key));
        }
    }

    @Test
    void zeroAndDuplicatesAreKeysLikeAnyOther() {
        LongSet set = new LongSet(0, true);

        assertThat(set.contains(0)).isFalse();
        assertThat(set.add(0, 5)).isTrue();
        assertThat(set.add(0, 6)).isFalse();
        assertThat(set.add(-1, 7)).isTrue();
        assertThat(set.add(-1, 8)).isFalse();

        assertThat(set.tag(0)).isEqualTo(5);
        assertThat(set.tag(-1)).isEqualTo(7);
        assertThat(set.tag(1)).isEqualTo(-1);
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void removingKeepsTheKeysTheOtherSetLacksAndTheirTags() {
        LongSet originals = new LongSet(16, true);
        LongSet outputs = new LongSet(16, false);
        for (long key = 0; key < 1000; key++) {
            originals.add(key * 31, (int) key % 100);
            if (key % 2 == 0) {
                outputs.add(key * 31);
            }
        }

        originals.removeAll(outputs);
        originals.removeAll(outputs);

        assertThat(originals.size()).isEqualTo(500);
        assertThat(originals.contains(0)).isFalse();
        assertThat(originals.tag(31)).isEqualTo(1);
        assertThat(originals.contains(62)).isFalse();
        assertThat(originals.tag(999 * 31)).isEqualTo(99);
        assertThat(outputs.tag(62)).isZero();
    }
}
