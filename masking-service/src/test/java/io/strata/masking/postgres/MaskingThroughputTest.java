package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.strata.masking.algorithms.Masker;
import io.strata.testing.PostgresCluster;

/**
 * Measures masking on a synthetic table of a million rows, five text columns masked by HMAC maskers. Off by default
 * (it takes a minute and a few hundred MB); run it with {@code -Dstrata.masking.throughput=true}. It prints the
 * figures and checks only the result, never the time.
 */
@EnabledIfSystemProperty(named = "strata.masking.throughput", matches = "true")
class MaskingThroughputTest {

    private static final long ROWS = 1_000_000;
    private static final String[] COLUMNS = {"a", "b", "c", "d", "e"};

    @Test
    void aMillionRowsWithFiveMaskedColumns() {
        PostgresCluster cluster = PostgresCluster.shared();
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        cluster.execute(database, "create table big (id bigint primary key, a text, b text, c text, d text, e text, "
                + "n int)",
                "insert into big select i, md5(i::text), 'user' || i || '@example.org', "
                        + "'Name ' || i, md5((-i)::text), i::text || ' Main Street', i % 1000 "
                        + "from generate_series(1, " + ROWS + ") i",
                "create index big_a on big (a)",
                "analyze big");
        Map<ColumnRef, Masker> maskers = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            maskers.put(new ColumnRef("big", column), HmacMaskers.hex(32));
        }

        com.sun.management.OperatingSystemMXBean system = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        long cpuBefore = system.getProcessCpuTime();
        Instant start = Instant.now();
        MaskingReport report = PostgresMasking.run(Chinook.connections(database), maskers, PostgresMasking
                .defaultThreads());
        Duration total = Duration.between(start, Instant.now());
        double cpu = (system.getProcessCpuTime() - cpuBefore) / 1e9;

        MaskingOutcome outcome = report.outcome();
        double seconds = outcome.took().toMillis() / 1000.0;
        System.out.printf("masking: %d rows, %.1f MB of COPY text in %.1f s: %.0f rows/s, %.1f MB/s; with the "
                + "leak check %.1f s; the JVM's CPU time %.1f s; load average %.1f%n", outcome.rows(),
                outcome
                        .bytesRead() / 1e6,
                seconds, outcome.rows() / seconds, outcome.bytesRead() / 1e6 / seconds,
                total.toMillis() / 1000.0, cpu, system.getSystemLoadAverage());
        assertThat(outcome.rows()).isEqualTo(ROWS);
        assertThat(outcome.changedPerColumn().values()).containsOnly(ROWS);
        assertThat(report.verification().clean()).isTrue();
    }
}
