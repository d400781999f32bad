package io.strata.common.events;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets the consumer may commit while records of a partition finish out of order: per partition, up to (not
 * including) the first record handed over and not yet applied. Committing further would lose that record in a crash;
 * committing less only redelivers records that the processed-event table then skips. Thread-safe: records finish on
 * the lanes' threads.
 */
final class AppliedOffsets {

    private final Map<TopicPartition, TreeSet<Long>> unfinished = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** A record is handed over to be applied. */
    synchronized void started(TopicPartition partition, long offset) {
        unfinished.computeIfAbsent(partition, key -> new TreeSet<>()).add(offset);
        next.put(partition, offset + 1);
    }

    /** A record is applied, skipped as a duplicate, or dead-lettered. */
    synchronized void finished(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = unfinished.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** What may be committed beyond the last commit: per partition, the offset of the next record to apply. */
    synchronized Map<TopicPartition, OffsetAndMetadata> due() {
        Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();
        next.forEach((partition, nextOffset) -> {
            TreeSet<Long> offsets = unfinished.get(partition);
            long upTo = offsets == null || offsets.isEmpty() ? nextOffset : offsets.first();
            if (upTo > committed.getOrDefault(partition, -1L)) {
                due.put(partition, new OffsetAndMetadata(upTo));
            }
        });
        return due;
    }

    /** The offsets were committed. */
    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    /** The partitions went to another consumer: their next records are no longer this one's. */
    synchronized void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            unfinished.remove(partition);
            next.remove(partition);
            committed.remove(partition);
        }
    }
}
