package io.strata.engine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GtidTest {

    @Test
    void aPositionOfSeveralDomainsIsParsedAndWrittenBackAsTheServerWritesIt() {
        Gtid gtid = Gtid.parse("0-1-62,\n1-7-3");

        assertThat(gtid.domains()).containsExactly(new Gtid.Domain(0, 1, 62), new Gtid.Domain(1, 7, 3));
        assertThat(gtid).hasToString("0-1-62,1-7-3");
        assertThat(gtid.isEmpty()).isFalse();
    }

    @Test
    void anEmptyPositionIsThatOfAServerThatWroteNoTransactionYet() {
        assertThat(Gtid.parse("").isEmpty()).isTrue();
        assertThat(Gtid.parse(null)).hasToString("");
    }

    @Test
    void sequenceNumbersBeyondSignedLongsAreKept() {
        assertThat(Gtid.parse("0-4294967295-18446744073709551615")).hasToString("0-4294967295-18446744073709551615");
    }

    @Test
    void somethingElseIsRefusedSayingWhatAPositionLooksLike() {
        assertThatThrownBy(() -> Gtid.parse("mysql-bin.000001:120")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain-server-sequence");
        assertThatThrownBy(() -> Gtid.parse("0-1-62,")).isInstanceOf(IllegalArgumentException.class);
    }
}
