package io.strata.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Records applied out of order are committed only up to the first one not yet applied. */
class AppliedOffsetsTest {

    private static final TopicPartition ZERO = new TopicPartition("t", 0);
    private static final TopicPartition ONE = new TopicPartition("t", 1);

    @Test
    void aRecordStillRunningHoldsBackTheCommitOfItsPartitionOnly() {
        AppliedOffsets offsets = new AppliedOffsets();
        offsets.started(ZERO, 10);
        offsets.started(ZERO, 11);
        offsets.started(ZERO, 12);
        offsets.started(ONE, 5);
        offsets.finished(ZERO, 11);
        offsets.finished(ZERO, 12);
        offsets.finished(ONE, 5);

        assertThat(offsets.due()).isEqualTo(Map.of(ZERO, new OffsetAndMetadata(10), ONE, new OffsetAndMetadata(6)));

        offsets.finished(ZERO, 10);
        assertThat(offsets.due()).containsEntry(ZERO, new OffsetAndMetadata(13));
    }

    @Test
    void nothingIsDueTwiceAndForgottenPartitionsAreNotCommitted() {
        AppliedOffsets offsets = new AppliedOffsets();
        offsets.started(ZERO, 0);
        offsets.finished(ZERO, 0);
        offsets.started(ONE, 7);
        offsets.finished(ONE, 7);
        offsets.committed(offsets.due());

        assertThat(offsets.due()).isEmpty();

        offsets.started(ZERO, 1);
        offsets.started(ONE, 8);
        offsets.finished(ONE, 8);
        offsets.forget(List.of(ONE));
        assertThat(offsets.due()).as("record 1 of partition 0 is not applied yet").isEmpty();
    }
}
