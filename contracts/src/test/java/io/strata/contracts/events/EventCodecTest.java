package io.strata.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.strata.contracts.jobs.JobProgressed;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    private static JobProgressed sampleEvent() {
        JobView job = new JobView(UUID.randomUUID(), "volume.create", "vol-1", "snapshot", JobState.RUNNING, 40,
                "creating subvolume", null, false, Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T10:00:01Z"),
                null);
        return new JobProgressed(job, 3);
    }

    @Test
    void envelopeRoundTripKeepsEveryField() {
        JobProgressed event = sampleEvent();
        EventEnvelope envelope = codec.envelope("snapshot", event, "corr-1", "cause-1");

        EventEnvelope decoded = codec.decode(codec.encode(envelope));

        assertThat(decoded).usingRecursiveComparison().ignoringFields("data").isEqualTo(envelope);
        assertThat(decoded.type()).isEqualTo("JobProgressed");
        assertThat(decoded.version()).isEqualTo(1);
        assertThat(decoded.subject()).isEqualTo(event.job().id().toString());
        assertThat(codec.payload(decoded, JobProgressed.class)).isEqualTo(event);
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() {
        EventEnvelope envelope = codec.envelope("snapshot", sampleEvent(), null, null);
        String json = codec.encodeToString(envelope).replace("\"sequence\":3", "\"sequence\":3,\"addedLater\":true")
                .replace("\"source\":", "\"region\":\"eu\",\"source\":");

        EventEnvelope decoded = codec.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(codec.payload(decoded, JobProgressed.class).sequence()).isEqualTo(3);
    }

    @Test
    void garbageIsMalformedNotAnNpe() {
        assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"X\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.MalformedEventException.class);
    }

    @Test
    void newerPayloadVersionIsRefusedWithAClearMessage() {
        EventEnvelope envelope = codec.envelope("snapshot", sampleEvent(), null, null);
        EventEnvelope newer = new EventEnvelope(envelope.id(), envelope.type(), 2, envelope.source(),
                envelope.subject(), envelope.time(), null, null, envelope.data());

        assertThatThrownBy(() -> codec.payload(newer, JobProgressed.class))
                .isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessageContaining("version 2").hasMessageContaining("upgrade the consumer");
    }

    @Test
    void topicNamesFollowTheConvention() {
        assertThat(Topics.events(Topics.DEFAULT_PREFIX, Topics.SNAPSHOT)).isEqualTo("strata.snapshot.events");
        assertThat(Topics.deadLetter("t42", Topics.CATALOG)).isEqualTo("t42.catalog.dlq");
    }
}
