package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class KeyedTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theHmacIsHmacSha256OfTheUtf8Bytes() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        Keyed keyed = new Keyed(KEY);

        for (String value : new String[]{"", "smith", "Zoë Müller", "x".repeat(300), "日本"}) {
            assertThat(keyed.hmac(value)).isEqualTo(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void picksAreDeterministicAndDependOnTheKey() {
        Keyed keyed = new Keyed(KEY);
        Keyed other = new Keyed("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));

        assertThat(keyed.pickLong("smith")).isEqualTo(new Keyed(KEY).pickLong("smith"));
        assertThat(keyed.pickLong("smith")).isNotEqualTo(keyed.pickLong("smyth"));
        assertThat(keyed.pickLong("smith")).isNotEqualTo(other.pickLong("smith"));
        assertThat(keyed.derive("feistel")).hasSize(32).isNotEqualTo(keyed.derive("ff1"));
    }

    @Test
    void pickIntStaysInItsBoundAndUsesAllOfIt() {
        Keyed keyed = new Keyed(KEY);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int pick = keyed.pickInt("value " + i, 20);
            assertThat(pick).isBetween(0, 19);
            seen.add(pick);
        }

        assertThat(seen).hasSize(20);
        assertThatThrownBy(() -> keyed.pickInt("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRandomStreamIsDeterministicPerValueAndGoesOnPastOneBlock() {
        Keyed keyed = new Keyed(KEY);
        long[] first = LongStream.generate(keyed.random("smith")::nextLong).limit(12).toArray();
        long[] again = LongStream.generate(keyed.random("smith")::nextLong).limit(12).toArray();
        long[] other = LongStream.generate(keyed.random("jones")::nextLong).limit(12).toArray();

        assertThat(first).isEqualTo(again).doesNotContain(other);
        assertThat(LongStream.of(first).distinct().count()).isEqualTo(12);
        assertThat(first[0]).isEqualTo(keyed.pickLong("smith"));
        RandomGenerator random = keyed.random("smith");
        assertThat(random.nextInt(10)).isBetween(0, 9);
        assertThat(random.nextDouble()).isBetween(0.0, 1.0);
    }
}
