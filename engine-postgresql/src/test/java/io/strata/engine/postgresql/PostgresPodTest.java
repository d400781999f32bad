package io.strata.engine.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.strata.engine.EnginePod;

/**
 * The pod of a virtual PostgreSQL database, run on this host as its container would run it ({@link PodRun}): the
 * init container's script and the engine's command, on a data directory that looks like a clone of a standby
 * (standby.signal, the lock file of another server, settings naming the source's host in postgresql.auto.conf).
 */
class PostgresPodTest {

    private static final String PASSWORD = "it's \"quoted\"";

    private PodRun pod;
    private Process server;

    @BeforeEach
    void makeAStandbyClone() throws Exception {
        assumeTrue(PodRun.possible(), "needs PostgreSQL 15 and root to run it as postgres");
        pod = new PodRun(Map.of("STRATA_USER", "app", "STRATA_PASSWORD", PASSWORD));
        String data = pod.data.toString();
        pod.asPostgres(List.of(PodRun.BIN + "/initdb", "-D", data, "-U", "postgres", "--auth=trust"));
        pod.asPostgres(List.of("sh", "-c", "echo 'CREATE ROLE app' | " + PodRun.BIN + "/postgres --single -D "
                + data + " postgres"));
        pod.asPostgres(List.of("sh", "-c", "touch \"$1/standby.signal\" && printf '4242\\n/elsewhere\\n' > "
                + "\"$1/postmaster.pid\" && printf \"port = '1'\\nhba_file = '/source/pg_hba.conf'\\n"
                + "primary_conninfo = 'host=source'\\n\" >> \"$1/postgresql.auto.conf\"", "sh", data));
    }

    @AfterEach
    void stop() throws Exception {
        if (pod != null) {
            pod.close(server);
        }
    }

    @Test
    void theInitContainerMakesTheCloneAPrimaryWithThePasswordAndTheEngineServesIt() throws Exception {
        EnginePod engine = PostgresPod.of("qa", Map.of(), Map.of("serverVersion", "15.18"));
        assertThat(engine.image()).isEqualTo("postgres:15");

        pod.asPostgres(engine.init());
        assertThat(pod.data.resolve("standby.signal")).doesNotExist();
        assertThat(pod.data.resolve("postmaster.pid")).doesNotExist();

        server = pod.start(engine.command());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(server.isAlive()).as("the server runs").isTrue();
            return pod.asPostgresExit(engine.readiness()) == 0;
        });
        // Over the network, with the password the init container set; a wrong one is refused.
        List<String> query = List.of(PodRun.BIN + "/psql", "-h", "127.0.0.1", "-p", String.valueOf(pod.port), "-U",
                "app", "-d", "postgres", "-tAc", "select pg_is_in_recovery()");
        assertThat(PodRun.exec(query, Map.of("PGPASSWORD", PASSWORD))).isEqualTo("f");
        assertThat(PodRun.exitOf(query, Map.of("PGPASSWORD", "wrong"))).isNotZero();
        assertThat(pod.asPostgresExit(engine.flush())).as("the checkpoint before a snapshot").isZero();
        // A second start of the pod (a restart, a refresh) runs the init container again on a clone it configured.
        server.destroy();
        server.waitFor(60, TimeUnit.SECONDS);
        pod.asPostgres(engine.init());
    }
}
