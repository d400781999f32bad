package io.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real OpenSSH server of the test's own on 127.0.0.1 and a free port, with its own host key and a test user key
 * (for {@code root}: the services run as root and so do the tests). Password logins are enabled so that a wrong
 * password can be refused for real.
 */
public final class SshServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private SshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Generates keys, writes a config and starts {@code sshd -D}. */
    public static SshServer start() {
        try {
            Path dir = Files.createTempDirectory("strata-sshd-");
            Processes.run(30, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key")
                    .toString()));
            Processes.run(30, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "strata-test", "-f", dir
                    .resolve("user_key").toString()));
            Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
            int port = Ports.free();
            Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port,
                    "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PidFile " + dir.resolve("sshd.pid"),
                    "StrictModes no", "UsePAM no", "PermitRootLogin yes", "PasswordAuthentication yes",
                    "KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "LogLevel VERBOSE",
                    "Subsystem sftp internal-sftp", ""));
            Files.createDirectories(Path.of("/run/sshd"));
            Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config")
                    .toString()).redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            SshServer server = new SshServer(dir, port, process);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited:\n" + Processes.tail(dir.resolve("sshd.log"), 20));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("sshd does not listen on " + port);
    }

    public int port() {
        return port;
    }

    /** The server's public host key line ({@code ssh-ed25519 AAAA...}). */
    public String hostKey() {
        return read("host_key.pub");
    }

    /** The test user's private key (OpenSSH format). */
    public String privateKey() {
        return read("user_key");
    }

    /**
     * Replaces the test user's key, as a rotation does: a new pair is made and only its public key is authorized, so
     * the old private key is refused from now on; the new private key.
     */
    public String rotateUserKey() {
        Path rotated = dir.resolve("rotated_key");
        try {
            Files.deleteIfExists(rotated);
            Files.deleteIfExists(dir.resolve("rotated_key.pub"));
            Processes.run(30, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "strata-test-rotated",
                    "-f", rotated.toString()));
            Files.copy(dir.resolve("rotated_key.pub"), dir.resolve("authorized_keys"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read("rotated_key");
    }

    /** The SHA256 fingerprint of the key {@link #rotateUserKey} made, as sshd logs a login with it. */
    public String rotatedKeyFingerprint() {
        return Processes.run(30, List.of("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("rotated_key.pub")
                .toString())).split("\\s+")[1];
    }

    /** Another key pair's private key, one the server does not accept. */
    public String unknownPrivateKey() {
        Path other = dir.resolve("other_key");
        if (!Files.exists(other)) {
            Processes.run(30, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()));
        }
        return read("other_key");
    }

    /** The public key of a different host key, to test a mismatch. */
    public String otherHostKey() {
        Path other = dir.resolve("other_host_key");
        if (!Files.exists(other)) {
            Processes.run(30, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()));
        }
        return read("other_host_key.pub");
    }

    /** What sshd logged so far. */
    public String log() {
        return read("sshd.log");
    }

    public Path logFile() {
        return dir.resolve("sshd.log");
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        Processes.awaitExit(process);
        Processes.run(30, List.of("rm", "-rf", dir.toString()));
    }
}
