package io.strata.engine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.engine.VirtualDatabase;

class ServerConfigTest {

    private static VirtualDatabase vdb(Map<String, Object> parameters) {
        return new VirtualDatabase("vdb-1", "qa", null, "/pool/clones/c1", "/home/vdbs/vdb-1", 41234, parameters, Map
                .of(), null, null, null);
    }

    @Test
    void aVirtualDatabaseListensOnItsPortAndKeepsItsFilesAndNoReplicationStateOutsideTheClone() {
        String text = MariaDbVirtual.config(vdb(Map.of())).render("Strata virtual database qa");

        assertThat(text).startsWith("# Strata virtual database qa\n[mariadbd]\n").contains(
                "datadir = /pool/clones/c1\n", "port = 41234\n", "bind-address = 127.0.0.1\n",
                "socket = /home/vdbs/vdb-1/run/mariadbd.sock\n", "pid-file = /home/vdbs/vdb-1/run/mariadbd.pid\n",
                "log-error = /home/vdbs/vdb-1/mariadbd.log\n", "skip-slave-start = 1\n",
                "master-info-file = /home/vdbs/vdb-1/master.info\n", "relay-log = /home/vdbs/vdb-1/relay-bin\n",
                "innodb_log_file_size = 16M\n", "server-id = " + ServerConfig.serverId("vdb-1", 0) + "\n");
        assertThat(text).doesNotContain("log-bin", "/pool/clones/c1/");
    }

    @Test
    void parametersChangeTheAddressBufferPoolAndConnections() {
        ServerConfig config = MariaDbVirtual.config(vdb(Map.of("bindAddress", "0.0.0.0", "bufferPoolSize", "256M",
                "maxConnections", 200)));

        assertThat(config.get("bind-address")).isEqualTo("0.0.0.0");
        assertThat(config.get("innodb_buffer_pool_size")).isEqualTo("256M");
        assertThat(config.get("max_connections")).isEqualTo("200");
    }

    @Test
    void aStagingReplicaListensOnItsSocketOnlyReplicatesAtStartAndCommitsDurably() {
        ServerConfig config = ServerConfig.staging("/pool/staging/s1", "/home/staging/s1", 40100, 5000);

        assertThat(config.get("skip-networking")).isEqualTo("1");
        assertThat(config.get("skip-slave-start")).isEqualTo("0");
        assertThat(config.get("innodb_flush_log_at_trx_commit")).isEqualTo("1");
        assertThat(config.get("master-info-file")).isEqualTo("/home/staging/s1/master.info");
        assertThat(config.get("relay-log-info-file")).isEqualTo("/home/staging/s1/relay-log.info");
        assertThat(config.get("server-id")).isEqualTo("5000");
        assertThat(config.get("innodb_log_file_size")).isEqualTo(ServerConfig.REDO_LOG_SIZE);
    }

    @Test
    void aStagingReplicaOfASourceWithLogSyncKeepsADurableBinaryLogOfWhatItAppliesOutsideItsData() {
        ServerConfig keeping = ServerConfig.staging("/pool/staging/s1", "/home/staging/s1", 40100, 5000, true);
        ServerConfig plain = ServerConfig.staging("/pool/staging/s1", "/home/staging/s1", 40100, 5000);

        assertThat(keeping.get("log-bin")).isEqualTo("/home/staging/s1/binlog/binlog");
        assertThat(keeping.get("log-slave-updates")).isEqualTo("1");
        assertThat(keeping.get("binlog-format")).isEqualTo("ROW");
        assertThat(keeping.get("sync-binlog")).isEqualTo("1");
        assertThat(plain.get("log-bin")).isNull();
    }

    @Test
    void serverIdsAreStableInRangeAndNeverTheSources() {
        long id = ServerConfig.serverId("src-42", 0);

        assertThat(ServerConfig.serverId("src-42", 0)).isEqualTo(id);
        assertThat(id).isBetween(1000L, 4_294_967_295L);
        assertThat(ServerConfig.serverId("src-42", id)).isNotEqualTo(id);
        assertThat(ServerConfig.serverId("src-43", 0)).isNotEqualTo(id);
    }

    @Test
    void aValueSpanningLinesIsRefused() {
        assertThatThrownBy(() -> MariaDbVirtual.config(vdb(Map.of("bindAddress", "127.0.0.1\nlog-bin = x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecoveryToAMomentOfASourceThatKeepsNoLogIsRefusedBeforeAnythingIsTouched() {
        VirtualDatabase noLog = new VirtualDatabase("vdb-1", "qa", null, "/pool/clones/c1", "/home/vdbs/vdb-1",
                41234, Map.of(), Map.of(), java.time.Instant.parse("2026-12-05T10:00:00Z"), null, null);

        assertThatThrownBy(() -> new MariaDbVirtual().configure(noLog)).isInstanceOf(io.strata.engine.UserError.class)
                .hasMessageContaining("linked without logSync");
    }

    @Test
    void aVirtualDatabaseKeepsADurableBinaryLogOfItsOwnChangesInItsLifesDirectory() {
        VirtualDatabase vdb = new VirtualDatabase("vdb-1", "qa", null, "/pool/clones/c1", "/home/vdbs/vdb-1", 41234,
                Map.of(), Map.of(), null, null, null, "/home/vdbs/vdb-1/wal/2", null);

        ServerConfig config = MariaDbVirtual.config(vdb);

        assertThat(config.get("log-bin")).isEqualTo("/home/vdbs/vdb-1/wal/2/binlog");
        assertThat(config.get("sync-binlog")).isEqualTo("1");
        assertThat(config.get("log-slave-updates")).isNull();
    }
}
