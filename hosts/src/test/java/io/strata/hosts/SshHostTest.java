package io.strata.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;
import io.strata.testing.Ports;
import io.strata.testing.Processes;
import io.strata.testing.SshServer;
import io.strata.testing.StrataHome;

/**
 * Commands over SSH against a real sshd: host keys verified, credentials refused clearly, secrets kept out of ps, and a
 * command that exits before it reads its input reported with its exit code and output.
 */
class SshHostTest {

    private static SshServer sshd;
    private static StrataHome home;

    @BeforeAll
    static void start() {
        sshd = SshServer.start();
        home = StrataHome.create();
    }

    @AfterAll
    static void stop() {
        sshd.close();
        home.close();
    }

    private static SshHost host(String privateKey, String password, String hostKey) {
        return new SshHost("env1", "127.0.0.1", sshd.port(), "root", privateKey, password, hostKey == null
                ? null
                : HostKeys.parse(hostKey), Duration.ofSeconds(5), home.path().resolve("hosts/env1"));
    }

    @Test
    void runsCommandsWithExitCodesOutputAndStreamedStderr() {
        SshHost host = host(sshd.privateKey(), null, sshd.hostKey());
        List<String> lines = new ArrayList<>();
        HostConnection.Result result = host.run(List.of("sh", "-c", "echo out; echo one >&2; echo two >&2; exit 3"),
                Map.of(), null, Duration.ofSeconds(20), lines::add);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(lines).containsExactly("one", "two");
        assertThat(host.run(List.of("cat"), Map.of(), "piped".getBytes(), Duration.ofSeconds(20)).stdout())
                .isEqualTo("piped");
        assertThat(host.run(List.of("echo", "it's a 'quoted' $HOME"), Map.of(), null, Duration.ofSeconds(20))
                .stdout()).isEqualTo("it's a 'quoted' $HOME\n");
        host.close();
    }

    @Test
    void secretsReachTheCommandButNotItsCommandLine() {
        SshHost host = host(sshd.privateKey(), null, sshd.hostKey());
        HostConnection.Result result = host.run(List.of("sh", "-c", "echo \"$SECRET\"; cat /proc/$$/cmdline"), Map
                .of("SECRET", "s3cr3t-value"), null, Duration.ofSeconds(20));
        assertThat(result.stdout()).startsWith("s3cr3t-value\n");
        assertThat(result.stdout().substring("s3cr3t-value\n".length())).doesNotContain("s3cr3t-value");
        host.close();
    }

    /** Larger than the SSH channel's window (2 MB with OpenSSH), so the write cannot end before the command does. */
    private static final byte[] LARGE = new byte[3 * 1024 * 1024];

    private static final List<String> EXITS_AT_ONCE = List.of("sh", "-c", "echo boom >&2; exit 3");

    @Test
    void aCommandThatExitsBeforeReadingALargeInputReportsItsExitCodeAndOutput() {
        SshHost host = host(sshd.privateKey(), null, sshd.hostKey());
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int i = 0; i < 100; i++) {
                assertExitedWithBoom(host.run(EXITS_AT_ONCE, Map.of(), LARGE, Duration.ofSeconds(20)));
            }
        });
        host.close();
    }

    @Test
    void aCommandThatExitsBeforeReadingASmallInputOrItsSecretsReportsItsExitCodeAndOutput() {
        SshHost host = host(sshd.privateKey(), null, sshd.hostKey());
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int i = 0; i < 200; i++) {
                // Half with a secret: the prologue reads its line, then the command exits without reading the rest.
                Map<String, String> secrets = i % 2 == 0 ? Map.of() : Map.of("SECRET", "s3cret");
                assertExitedWithBoom(host.run(EXITS_AT_ONCE, secrets, "select 1;\n".getBytes(), Duration
                        .ofSeconds(20)));
            }
        });
        host.close();
    }

    @Test
    void aCommandThatNeitherReadsItsInputNorExitsTimesOut() {
        SshHost host = host(sshd.privateKey(), null, sshd.hostKey());
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> assertThatThrownBy(() -> host.run(List.of("sleep",
                "10"), Map.of(), LARGE, Duration.ofSeconds(1))).isInstanceOf(UserError.class).hasMessageStartingWith(
                        "sleep did not finish within 1 s on root@127.0.0.1:"));
        // The session stays usable.
        assertThat(host.run(List.of("echo", "still"), Map.of(), null, Duration.ofSeconds(20)).stdout()).isEqualTo(
                "still\n");
        host.close();
    }

    private static void assertExitedWithBoom(HostConnection.Result result) {
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("boom");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aDifferentHostKeyIsRefused() {
        SshHost host = host(sshd.privateKey(), null, sshd.otherHostKey());
        assertThatThrownBy(host::verify).isInstanceOf(UserError.class).hasMessageContaining(
                "does not match the pinned key").hasMessageContaining(HostKeys.parse(sshd.hostKey()).base64());
    }

    @Test
    void pinningOnFirstContactRemembersThePresentedKey() {
        SshHost host = host(sshd.privateKey(), null, null);
        host.verify();
        assertThat(host.presentedKey()).isEqualTo(HostKeys.parse(sshd.hostKey()));
        host.close();
    }

    @Test
    void refusedKeysWrongPasswordsAndUnreachableHostsSayWhatFailed() {
        assertThatThrownBy(() -> host(sshd.unknownPrivateKey(), null, sshd.hostKey()).verify()).isInstanceOf(
                UserError.class).hasMessageContaining("refused the private key for user root");
        assertThatThrownBy(() -> host(null, "not-the-password", sshd.hostKey()).verify()).isInstanceOf(
                UserError.class).hasMessageContaining("refused the password");
        SshHost nowhere = new SshHost("env2", "127.0.0.1", Ports.free(), "root", sshd.privateKey(), null, HostKeys
                .parse(sshd.hostKey()), Duration.ofSeconds(5), home.path().resolve("hosts/env2"));
        assertThatThrownBy(nowhere::verify).isInstanceOf(UserError.class).hasMessageContaining("Cannot reach");
        assertThatThrownBy(() -> HostKeys.parse("not a key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssh-keyscan");
    }

    @Test
    void otherProgramsGetTheSameKeyAndPinnedHostKey() throws Exception {
        SshHost host = host(sshd.privateKey(), null, sshd.hostKey());
        HostConnection.SshEndpoint endpoint = host.ssh().orElseThrow();
        assertThat(Files.getPosixFilePermissions(Path.of(endpoint.identityFile()))).hasSize(2);
        List<String> command = new ArrayList<>(List.of(endpoint.sshCommand().split(" ")));
        command.addAll(List.of("root@127.0.0.1", "echo", "via-openssh"));
        assertThat(Processes.run(30, command)).isEqualTo("via-openssh\n");
        host.close();
    }
}
