package io.strata.engine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinlogInfoTest {

    @Test
    void theLineMariabackupWritesGivesFilePositionAndGtid() {
        BinlogInfo info = BinlogInfo.parse("mysql-bin.000001\t1030682\t0-1-61\n");

        assertThat(info.file()).isEqualTo("mysql-bin.000001");
        assertThat(info.position()).isEqualTo(1030682);
        assertThat(info.gtid()).hasToString("0-1-61");
    }

    @Test
    void severalDomainsAreKept() {
        assertThat(BinlogInfo.parse("mysql-bin.000042\t385\t0-1-61,2-5-9").gtid().domains()).hasSize(2);
    }

    @Test
    void aSourceWithoutAnyTransactionYetHasNoGtid() {
        assertThat(BinlogInfo.parse("mysql-bin.000001\t329").gtid().isEmpty()).isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> BinlogInfo.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinlogInfo.parse("mysql-bin.000001 somewhere 0-1-1")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void bothFileNamesAreLookedForTheNewOneFirst() {
        assertThat(BinlogInfo.FILE_NAMES).containsExactly("mariadb_backup_binlog_info", "xtrabackup_binlog_info");
    }
}
