package io.strata.masking.postgres;

import java.util.function.LongConsumer;

/**
 * A set of 64-bit fingerprints in one {@code long[]} (open addressing, linear probing), optionally with a 16-bit tag
 * per fingerprint in a parallel {@code short[]}: 8 bytes a slot (10 with tags) against about 50 for a
 * {@code HashSet<Long>}. It grows by doubling when three quarters full, so 10 million fingerprints take 2^24 slots:
 * 134 MB, 168 MB with tags. The keys are hashes already, so their bits pick the slot directly. Not thread-safe for
 * writes; lookups from many threads are safe once writing is over.
 */
final class LongSet {

    /** Tags are 16 bits. */
    static final int MAX_TAG = Short.MAX_VALUE;

    /** The tag of a removed key. */
    private static final short REMOVED = -1;

    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;

    private final boolean tagged;
    private long[] keys;
    private short[] tags;
    private int mask;
    private int size;
    private int growAt;
    // 0 marks an empty slot, so the key 0 is kept aside.
    private boolean hasZero;
    private short zeroTag;
    private int removed;

    /** An empty set sized for {@code expected} keys. */
    LongSet(int expected, boolean tagged) {
        this.tagged = tagged;
        allocate(capacityFor(expected));
    }

    private static int capacityFor(int expected) {
        long wanted = Math.max(MIN_CAPACITY, (long) expected * 4 / 3 + 1);
        return (int) Math.min(MAX_CAPACITY, Long.highestOneBit(wanted - 1) << 1);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        tags = tagged ? new short[capacity] : null;
        mask = capacity - 1;
        growAt = capacity / 4 * 3;
    }

    /** Adds a key; returns whether it was new. */
    boolean add(long key) {
        return add(key, 0);
    }

    /** Adds a key with a tag (0 to {@link #MAX_TAG}); a key already there keeps its first tag. */
    boolean add(long key, int tag) {
        if (key == 0) {
            boolean added = !hasZero;
            if (added) {
                hasZero = true;
                zeroTag = (short) tag;
            }
            return added;
        }
        int slot = slotOf(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return false;
            }
            slot = slot + 1 & mask;
        }
        keys[slot] = key;
        if (tagged) {
            tags[slot] = (short) tag;
        }
        if (++size > growAt) {
            grow();
        }
        return true;
    }

    /** Whether the key is in the set. */
    boolean contains(long key) {
        return tag(key) >= 0;
    }

    /** The key's tag (0 in an untagged set), -1 when the key is absent. */
    int tag(long key) {
        if (key == 0) {
            return hasZero ? zeroTag : -1;
        }
        int slot = slotOf(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return tagged ? tags[slot] : 0;
            }
            slot = slot + 1 & mask;
        }
        return -1;
    }

    /** The number of keys. */
    int size() {
        return size + (hasZero ? 1 : 0) - removed;
    }

    /**
     * Removes the keys that are in {@code other}, in place: a removed key keeps its slot (so that probing past it
     * still works) with the tag {@value #REMOVED}, and is absent from then on. Only a tagged set can remove, and
     * adding after removing is not supported.
     */
    void removeAll(LongSet other) {
        if (!tagged) {
            throw new IllegalStateException("Only a tagged set can remove keys");
        }
        if (hasZero && zeroTag != REMOVED && other.contains(0)) {
            zeroTag = REMOVED;
            removed++;
        }
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0 && tags[slot] != REMOVED && other.contains(keys[slot])) {
                tags[slot] = REMOVED;
                removed++;
            }
        }
    }

    /** Gives every key that is in the set (not the removed ones) to {@code sink}. */
    void forEachKey(LongConsumer sink) {
        if (hasZero && (!tagged || zeroTag != REMOVED)) {
            sink.accept(0);
        }
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0 && (!tagged || tags[slot] != REMOVED)) {
                sink.accept(keys[slot]);
            }
        }
    }

    private int slotOf(long key) {
        return (int) (key ^ key >>> 32) & mask;
    }

    private void grow() {
        if (keys.length == MAX_CAPACITY) {
            throw new IllegalStateException("More than " + growAt + " fingerprints: too many values to verify in "
                    + "one run; mask fewer columns at a time.");
        }
        long[] oldKeys = keys;
        short[] oldTags = tags;
        allocate(keys.length * 2);
        size = 0;
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != 0) {
                add(oldKeys[slot], tagged ? oldTags[slot] : 0);
            }
        }
    }
}
