package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class KeyedDigestTest {

    private final MaskingKey names = Fixtures.key("names", 1);
    private final MaskingKey emails = Fixtures.key("emails", 1);

    @Test
    void aSinglePartIsExactlyTheHmacOfItsUtf8Bytes() {
        byte[] key = names.material();

        assertThat(KeyedDigest.digest(key, "zoë")).isEqualTo(Fixtures.hmac(names, "zoë"));
        long expected = ByteBuffer.wrap(Fixtures.hmac(names, "zoë")).getLong();
        assertThat(KeyedDigest.pick(key, "zoë")).isEqualTo(expected);
        assertThat(KeyedDigest.pick(key, 97, "zoë")).isEqualTo((int) Long.remainderUnsigned(expected, 97));
    }

    @Test
    void partsAreJoinedWithANulSoTheirBordersCount() {
        byte[] key = names.material();

        assertThat(KeyedDigest.digest(key, "ab", "c")).isEqualTo(Fixtures.hmac(names, "ab\u0000c"))
                .isNotEqualTo(KeyedDigest.digest(key, "a", "bc"));
    }

    @Test
    void alternatingKeysOnOneThreadEachGiveTheirOwnHmac() {
        byte[] first = names.material();
        byte[] second = emails.material();

        for (int i = 0; i < 3; i++) {
            assertThat(KeyedDigest.digest(first, "x")).isEqualTo(Fixtures.hmac(names, "x"));
            assertThat(KeyedDigest.digest(second, "x")).isEqualTo(Fixtures.hmac(emails, "x"));
        }
    }

    @Test
    void aKeyedStreamDrawsEveryValueOfItsBoundAndRunsPastOneBlock() {
        KeyedStream stream = new KeyedStream(names.material(), "seed");
        int[] counts = new int[10];
        for (int i = 0; i < 1000; i++) {
            counts[stream.next(10)]++;
        }

        assertThat(IntStream.of(counts).min().getAsInt()).isGreaterThan(50);
        assertThat(IntStream.of(counts).max().getAsInt()).isLessThan(150);
        assertThat(new KeyedStream(names.material(), "seed").letter()).isEqualTo(new KeyedStream(
                names.material(), "seed").letter());
    }
}
