package io.strata.masking.postgres;

import java.util.stream.IntStream;

/**
 * A {@link LongSet} cut into {@value #SHARDS} shards by the top bits of the keys, for sets that outgrow the CPU's
 * caches (tens of millions of fingerprints, hundreds of MB), where adding keys one at a time in random places makes
 * a cache miss of nearly every one. Keys added go to their shard's staging area first, and a full staging area goes
 * into its shard at once: a run of adds that touches one shard (a {@value #SHARDS}th of the set) instead of the whole
 * set, so they mostly find its memory in the caches. Each shard has its own lock, so threads adding at the same time
 * mostly do not wait for each other, and a shard that grows rewrites a {@value #SHARDS}th of the keys while the
 * others take more. The keys are hashes already, so their top bits spread them evenly.
 * <p>
 * {@link #seal()} empties the staging areas; after it, nothing more is added, and lookups from many threads are
 * safe without a lock.
 * <p>
 * A set that is looked up far more often than it holds the key (the leak check's: nearly every word of a masked
 * database is not an original) can have a {@linkplain #filter() filter} in front: {@value #FILTER_BITS} bits a key,
 * two of them set in one 64-bit word, so that most lookups of absent keys end with one read of a small array instead
 * of a cache miss in the big one. A key the filter lets through is looked up in the set as before, so the answers do
 * not change.
 */
final class ShardedLongSet {

    /** How many shards: each a small part of the set, few enough that each staging area fills often. */
    static final int SHARDS = 64;

    /** How many keys a shard stages before they go into it together. */
    static final int STAGE = 1 << 13;

    private static final int SHARD_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SHARDS);

    /** The filter's size per key: with two bits a key, about 1 absent key in 50 gets through. */
    static final int FILTER_BITS = 16;
    /** The filter's word is picked by the key's bits from here up; its two bits by its lowest 12 bits. */
    private static final int FILTER_WORD_SHIFT = 12;
    private static final int BIT_INDEX = 63;
    private static final int SECOND_BIT_SHIFT = 6;
    private static final int MOST_FILTER_WORDS = 1 << 27;

    private final boolean tagged;
    private final LongSet[] shards = new LongSet[SHARDS];
    private final long[][] stagedKeys = new long[SHARDS][];
    private final short[][] stagedTags = new short[SHARDS][];
    private final int[] staged = new int[SHARDS];
    private volatile boolean sealed;
    /** The filter's words, {@code null} until {@link #filter()}. */
    private long[] filter;
    private int filterMask;

    /** An empty set sized for about {@code expected} keys in all. */
    ShardedLongSet(long expected, boolean tagged) {
        this.tagged = tagged;
        int perShard = (int) Math.min(Integer.MAX_VALUE, expected / SHARDS + 1);
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new LongSet(perShard, tagged);
        }
    }

    /** The shard a key belongs to. */
    static int shardOf(long key) {
        return (int) (key >>> SHARD_SHIFT);
    }

    /**
     * Adds {@code count} keys, with their tags ({@code tags} {@code null} for an untagged set); a key already there
     * keeps its first tag. {@code keys} and {@code tags} are left as they are.
     *
     * @param scratch at least {@code count} longs where the keys are grouped by shard (one array per thread, reused)
     * @param tagScratch the same for the tags, {@code null} when there are none
     * @throws IllegalStateException once the set is sealed
     */
    void addAll(long[] keys, short[] tags, int count, long[] scratch, short[] tagScratch) {
        int[] starts = new int[SHARDS + 1];
        for (int i = 0; i < count; i++) {
            starts[shardOf(keys[i]) + 1]++;
        }
        for (int shard = 0; shard < SHARDS; shard++) {
            starts[shard + 1] += starts[shard];
        }
        int[] next = starts.clone();
        for (int i = 0; i < count; i++) {
            int to = next[shardOf(keys[i])]++;
            scratch[to] = keys[i];
            if (tags != null) {
                tagScratch[to] = tags[i];
            }
        }
        for (int shard = 0; shard < SHARDS; shard++) {
            if (starts[shard] < starts[shard + 1]) {
                stage(shard, scratch, tags == null ? null : tagScratch, starts[shard], starts[shard + 1]);
            }
        }
    }

    private void stage(int shard, long[] keys, short[] tags, int from, int to) {
        LongSet set = shards[shard];
        synchronized (set) {
            if (sealed) {
                throw new IllegalStateException("The set is sealed; nothing more can be added");
            }
            if (stagedKeys[shard] == null) {
                stagedKeys[shard] = new long[STAGE];
                stagedTags[shard] = tagged ? new short[STAGE] : null;
            }
            int at = from;
            while (at < to) {
                int room = STAGE - staged[shard];
                int taken = Math.min(room, to - at);
                System.arraycopy(keys, at, stagedKeys[shard], staged[shard], taken);
                if (tagged) {
                    System.arraycopy(tags, at, stagedTags[shard], staged[shard], taken);
                }
                staged[shard] += taken;
                at += taken;
                if (staged[shard] == STAGE) {
                    drain(shard);
                }
            }
        }
    }

    /** Adds the shard's staged keys to it, in their order, so that the first tag of a key is still the one kept. */
    private void drain(int shard) {
        LongSet set = shards[shard];
        long[] keys = stagedKeys[shard];
        short[] tags = stagedTags[shard];
        for (int i = 0; i < staged[shard]; i++) {
            set.add(keys[i], tagged ? tags[i] : 0);
        }
        staged[shard] = 0;
    }

    /** Adds what is staged and ends the adding: lookups may start. */
    void seal() {
        sealed = true;
        IntStream.range(0, SHARDS).parallel().forEach(shard -> {
            synchronized (shards[shard]) {
                drain(shard);
                stagedKeys[shard] = null;
                stagedTags[shard] = null;
            }
        });
    }

    /** The key's tag (0 in an untagged set), -1 when the key is absent; only once sealed. */
    int tag(long key) {
        long[] words = filter;
        if (words != null) {
            long bits = filterBits(key);
            if ((words[(int) (key >>> FILTER_WORD_SHIFT) & filterMask] & bits) != bits) {
                return -1;
            }
        }
        return shards[shardOf(key)].tag(key);
    }

    private static long filterBits(long key) {
        return 1L << (key & BIT_INDEX) | 1L << (key >>> SECOND_BIT_SHIFT & BIT_INDEX);
    }

    /**
     * Puts the filter in front of the lookups, made of the keys the set holds now; call it once sealed and done
     * removing.
     */
    void filter() {
        if (!sealed) {
            throw new IllegalStateException("Only a sealed set can have a filter");
        }
        long wanted = Math.max(1, size() * FILTER_BITS / Long.SIZE);
        int words = (int) Math.min(MOST_FILTER_WORDS, Long.highestOneBit(wanted - 1) << 1);
        long[] built = new long[Math.max(1, words)];
        int mask = built.length - 1;
        for (LongSet shard : shards) {
            synchronized (shard) {
                shard.forEachKey(key -> built[(int) (key >>> FILTER_WORD_SHIFT) & mask] |= filterBits(key));
            }
        }
        filterMask = mask;
        filter = built;
    }

    /** Whether the key is in the set; only once sealed. */
    boolean contains(long key) {
        return tag(key) >= 0;
    }

    /** The number of keys; only once sealed. */
    long size() {
        long size = 0;
        for (LongSet shard : shards) {
            synchronized (shard) {
                size += shard.size();
            }
        }
        return size;
    }

    /**
     * Removes the keys that are in {@code other}, in place, as {@link LongSet#removeAll} does. A key and its equal
     * are in the same shard of both sets, so the shards are done one at a time on every core, each in the caches.
     * Both sets must be sealed.
     */
    void removeAll(ShardedLongSet other) {
        if (!sealed || !other.sealed) {
            throw new IllegalStateException("Only sealed sets can remove keys");
        }
        IntStream.range(0, SHARDS).parallel().forEach(shard -> {
            LongSet set = shards[shard];
            LongSet others = other.shards[shard];
            synchronized (set) {
                synchronized (others) {
                    set.removeAll(others);
                }
            }
        });
    }
}
