package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class ShardedLongSetTest {

    private static final int BATCH = 1000;

    @Test
    void batchesAddedFromSeveralThreadsKeepEveryKeyWithItsFirstTag() throws Exception {
        ShardedLongSet set = new ShardedLongSet(16, true);
        List<long[]> keys = new ArrayList<>();
        List<short[]> tags = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int batch = 0; batch < 40; batch++) {
            long[] batchKeys = new long[BATCH];
            short[] batchTags = new short[BATCH];
            for (int i = 0; i < BATCH; i++) {
                // Every tenth key repeats one of an earlier batch, with another tag.
                batchKeys[i] = batch > 0 && i % 10 == 0 ? keys.get(batch - 1)[i] : random.nextLong();
                batchTags[i] = (short) random.nextInt(LongSet.MAX_TAG + 1);
            }
            keys.add(batchKeys);
            tags.add(batchTags);
        }
        Map<Long, Integer> firstTags = new HashMap<>();
        for (int batch = 0; batch < keys.size(); batch++) {
            for (int i = 0; i < BATCH; i++) {
                firstTags.putIfAbsent(keys.get(batch)[i], (int) tags.get(batch)[i]);
            }
        }

        // One thread per batch, in order, so that the first tag of a repeated key is known.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int batch = 0; batch < keys.size(); batch++) {
                long[] batchKeys = keys.get(batch).clone();
                short[] batchTags = tags.get(batch).clone();
                Future<?> added = pool.submit(() -> set.addAll(batchKeys, batchTags, BATCH, new long[BATCH],
                        new short[BATCH]));
                added.get();
            }
        } finally {
            pool.shutdown();
        }

        set.seal();

        assertThat(set.size()).isEqualTo(firstTags.size());
        firstTags.forEach((key, tag) -> assertThat(set.tag(key)).isEqualTo(tag));
        assertThat(set.contains(random.nextLong())).isFalse();
        set.filter();
        firstTags.forEach((key, tag) -> assertThat(set.tag(key)).isEqualTo(tag));
        assertThat(set.contains(random.nextLong())).isFalse();
    }

    @Test
    void anEmptySetOrOneWithZeroFiltersToo() {
        ShardedLongSet set = new ShardedLongSet(0, true);
        set.seal();
        set.filter();
        assertThat(set.contains(0)).isFalse();
        assertThat(set.contains(42)).isFalse();

        ShardedLongSet withZero = new ShardedLongSet(0, true);
        withZero.addAll(new long[]{0, 42}, new short[]{3, 4}, 2, new long[2], new short[2]);
        withZero.seal();
        withZero.filter();
        assertThat(withZero.tag(0)).isEqualTo(3);
        assertThat(withZero.tag(42)).isEqualTo(4);
        assertThat(withZero.contains(43)).isFalse();
    }

    @Test
    void removingKeepsTheKeysTheOtherSetLacksAndTheirTags() {
        ShardedLongSet originals = new ShardedLongSet(0, true);
        ShardedLongSet outputs = new ShardedLongSet(0, false);
        // More keys than a shard stages, so that some are in the shards and some still staged at the seal.
        int count = ShardedLongSet.SHARDS * ShardedLongSet.STAGE / 2;
        long[] keys = new long[count];
        short[] tags = new short[count];
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < count; i++) {
            keys[i] = random.nextLong();
            tags[i] = (short) (i % 7);
        }
        long[] even = new long[count / 2 + 1];
        for (int i = 0; i < count / 2; i++) {
            even[i] = keys[2 * i];
        }
        even[count / 2] = random.nextLong();
        originals.addAll(keys, tags, count, new long[count], new short[count]);
        outputs.addAll(even, null, even.length, new long[even.length], null);

        assertThatThrownBy(() -> originals.removeAll(outputs)).isInstanceOf(IllegalStateException.class);
        originals.seal();
        outputs.seal();
        originals.removeAll(outputs);

        assertThat(originals.size()).isEqualTo(count / 2);
        for (int i = 0; i < count; i++) {
            assertThat(originals.tag(keys[i])).isEqualTo(i % 2 == 0 ? -1 : i % 7);
        }
        // The filter changes no answer: every key kept is still found with its tag, the others still are not.
        originals.filter();
        for (int i = 0; i < count; i++) {
            assertThat(originals.tag(keys[i])).isEqualTo(i % 2 == 0 ? -1 : i % 7);
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(originals.contains(random.nextLong())).isFalse();
        }
        assertThatThrownBy(() -> originals.addAll(keys, tags, 1, new long[1], new short[1])).isInstanceOf(
                IllegalStateException.class);
    }
}
