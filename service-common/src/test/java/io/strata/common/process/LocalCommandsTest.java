package io.strata.common.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Commands on this host: a command that exits without reading its standard input is that command's failure, with
 * its exit code and output, never an exception (a {@code psql} that gives up on a dead port before reading the SQL
 * once made linking answer 500), and a command that never reads a large input still times out.
 */
class LocalCommandsTest {

    /** Enough attempts to hit the moment the process is gone before its input is written. */
    private static final int ATTEMPTS = 200;

    /** Larger than a pipe's buffer (64 kB on Linux), so the write cannot complete before the command exits. */
    private static final byte[] LARGE = new byte[300 * 1024];

    private static final byte[] SMALL = "select 1;\n".getBytes();

    private static final List<String> EXITS_AT_ONCE = List.of("sh", "-c", "echo boom >&2; exit 3");

    @Test
    void aCommandThatExitsBeforeReadingALargeInputReportsItsExitCodeAndOutput() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < ATTEMPTS; i++) {
                assertExitedWithBoom(LocalCommands.attempt(Duration.ofSeconds(20), EXITS_AT_ONCE, Map.of(), LARGE));
            }
        });
    }

    @Test
    void aCommandThatExitsBeforeReadingASmallInputReportsItsExitCodeAndOutput() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < ATTEMPTS; i++) {
                assertExitedWithBoom(LocalCommands.attempt(Duration.ofSeconds(20), EXITS_AT_ONCE, Map.of("SECRET",
                        "s3cret"), SMALL));
            }
        });
    }

    @Test
    void runReportsTheEarlyExitAsACommandException() {
        assertThatThrownBy(() -> LocalCommands.run(Duration.ofSeconds(20), EXITS_AT_ONCE, Map.of(), LARGE))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.output()).isEqualTo("boom");
                });
    }

    @Test
    void aCommandThatSucceedsWithoutReadingItsInputSucceeds() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            CommandResult result = LocalCommands.attempt(Duration.ofSeconds(20), List.of("true"), Map.of(), LARGE);
            assertThat(result.exitCode()).isZero();
        });
    }

    @Test
    void inputIsStillDeliveredToACommandThatReadsIt() {
        byte[] input = new byte[LARGE.length];
        java.util.Arrays.fill(input, (byte) 'x');
        CommandResult result = LocalCommands.attempt(Duration.ofSeconds(20), List.of("wc", "-c"), Map.of(), input);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().strip()).isEqualTo(String.valueOf(input.length));
    }

    @Test
    void aCommandThatNeitherReadsItsInputNorExitsTimesOut() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> assertThatThrownBy(() -> LocalCommands.attempt(
                Duration.ofSeconds(1), List.of("sleep", "600"), Map.of(), LARGE)).isInstanceOfSatisfying(
                        CommandException.class, e -> {
                            assertThat(e.exitCode()).isEqualTo(-1);
                            assertThat(e.getMessage()).isEqualTo("sleep did not finish within 1 s");
                        }));
    }

    private static void assertExitedWithBoom(CommandResult result) {
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("boom");
        assertThat(result.stdout()).isEmpty();
    }
}
