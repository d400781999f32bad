package io.strata.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Picking ports from a configured range. */
class PortAllocatorTest {

    @Test
    void picksTheFirstPortThatIsNeitherTakenNorRefused() {
        PortAllocator ports = new PortAllocator("15000-15005");
        assertThat(ports.pick(Set.of(), port -> true)).isEqualTo(15000);
        assertThat(ports.pick(Set.of(15000, 15001), port -> true)).isEqualTo(15002);
        assertThat(ports.pick(Set.of(15000), port -> port != 15001)).isEqualTo(15002);
        assertThat(ports.pick(Set.of(), port -> false)).isEqualTo(-1);
    }

    @Test
    void aMalformedRangeIsRefusedWithWhatARangeLooksLike() {
        assertThatThrownBy(() -> new PortAllocator("15000")).hasMessageContaining("first-last, e.g. 15000-15399");
        assertThatThrownBy(() -> new PortAllocator("a-b")).hasMessageContaining("got 'a-b'");
        assertThatThrownBy(() -> new PortAllocator("16000-15000")).hasMessageContaining("start at or before its end");
        assertThatThrownBy(() -> new PortAllocator("80-90")).hasMessageContaining("1024-65535");
    }

    @Test
    void aPortSomeoneListensOnIsNotFreeWhetherOnLoopbackOrOnEveryAddress() throws IOException {
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket everywhere = new ServerSocket(0, 1)) {
            assertThat(PortAllocator.freeHere(loopback.getLocalPort())).isFalse();
            assertThat(PortAllocator.freeHere(everywhere.getLocalPort())).isFalse();
        }
    }
}
