package io.strata.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;

/**
 * An SSH host reached with JSch. The server's host key must equal the pinned one (or, only when the user asked for
 * it, is pinned on first contact): there is no "accept any key". Secrets given as environment variables travel on
 * the channel's standard input and are read by a tiny shell prologue, so they never show in the remote {@code ps}.
 * One session per host is kept open and reused; commands run on their own exec channels.
 */
public final class SshHost implements HostConnection {

    private static final Logger LOG = Logger.getLogger(SshHost.class);

    private final String id;
    private final String host;
    private final int port;
    private final String user;
    private final String privateKey;
    private final String password;
    private final Duration connectTimeout;
    private final Path filesDir;
    private final PinnedKey pinned;
    private Session session;

    /**
     * @param id the environment id (names the files for rsync)
     * @param host host name or address
     * @param port SSH port
     * @param user login user
     * @param privateKey an OpenSSH private key, or {@code null}
     * @param password a password, or {@code null}
     * @param hostKey the pinned host key, or {@code null} to pin on first contact
     * @param connectTimeout how long to wait for the server
     * @param filesDir where to write the key and known_hosts files other programs need (mode 0600)
     */
    public SshHost(String id, String host, int port, String user, String privateKey, String password,
            HostKeys.HostKey hostKey, Duration connectTimeout, Path filesDir) {
        this.id = id;
        this.host = host;
        this.port = port;
        this.user = user;
        this.privateKey = privateKey;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.filesDir = filesDir;
        this.pinned = new PinnedKey(hostKey);
    }

    @Override
    public String describe() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String address() {
        return host;
    }

    @Override
    public String user() {
        return user;
    }

    /** The host key the server presented (after a successful connection). */
    public HostKeys.HostKey presentedKey() {
        return pinned.presented;
    }

    /** Connects now (to verify the host key and the credentials); throws a {@link UserError} saying what failed. */
    public synchronized void verify() {
        session();
    }

    @Override
    public Optional<SshEndpoint> ssh() {
        try {
            Files.createDirectories(filesDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
            Path knownHosts = filesDir.resolve("known_hosts");
            HostKeys.HostKey key = pinned.pinned != null ? pinned.pinned : pinned.presented;
            if (key == null) {
                verify();
                key = pinned.presented;
            }
            String hostPattern = port == 22 ? host : "[" + host + "]:" + port;
            writePrivate(knownHosts, hostPattern + " " + key.line() + "\n");
            Path identity = null;
            if (privateKey != null) {
                identity = filesDir.resolve("id_key");
                writePrivate(identity, privateKey.endsWith("\n") ? privateKey : privateKey + "\n");
            }
            return Optional.of(new SshEndpoint(user, host, port, identity == null ? null : identity.toString(),
                    knownHosts.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout,
            Consumer<String> stderrLines) {
        String line = commandLine(command, environment);
        byte[] input = RemoteCommands.input(environment, stdin);
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session().openChannel("exec");
            channel.setCommand(line);
            InputStream out = channel.getInputStream();
            InputStream err = channel.getErrStream();
            OutputStream in = channel.getOutputStream();
            channel.connect((int) connectTimeout.toMillis());
            CompletableFuture<String> stdout = RemoteCommands.read(out, null);
            CompletableFuture<String> stderr = RemoteCommands.read(err, stderrLines);
            // On its own thread: a command that exits, or never reads, must not make the write fail or hang here.
            RemoteCommands.feed(command.get(0), in, input, channel::isClosed);
            awaitClose(channel, command, timeout, stderr);
            return new Result(channel.getExitStatus(), stdout.get(), stderr.get());
        } catch (JSchException e) {
            dropSession();
            throw explain(e);
        } catch (IOException e) {
            dropSession();
            throw new UserError("The SSH connection to " + describe() + " broke: " + e.getMessage() + ".",
                    "Check the network and the server; the command can be retried.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", null);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    /** Waits until the server closes the channel (the command ended), or fails once {@code timeout} is over. */
    private void awaitClose(ChannelExec channel, List<String> command, Duration timeout,
            CompletableFuture<String> stderr) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!channel.isClosed()) {
            if (Instant.now().isAfter(deadline)) {
                channel.disconnect();
                throw new UserError(command.get(0) + " did not finish within " + timeout.toSeconds() + " s on "
                        + describe() + ".", "Check the host's load, or raise the timeout.", stderr.getNow(""));
            }
            Thread.sleep(5);
        }
    }

    /** The remote command: secrets read from stdin by a prologue, then the program with its arguments quoted. */
    static String commandLine(List<String> command, Map<String, String> environment) {
        return String.join(" ", RemoteCommands.withSecretPrologue(command, environment).stream().map(SshHost::quote)
                .toList());
    }

    static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private synchronized Session session() {
        if (session != null && session.isConnected()) {
            return session;
        }
        try {
            JSch jsch = new JSch();
            jsch.setHostKeyRepository(pinned);
            if (privateKey != null) {
                jsch.addIdentity("environment-" + id, privateKey.getBytes(StandardCharsets.UTF_8), null, null);
            }
            Session created = jsch.getSession(user, host, port);
            if (password != null) {
                created.setPassword(password);
            }
            created.setConfig("StrictHostKeyChecking", "yes");
            created.setConfig("PreferredAuthentications", privateKey != null
                    ? "publickey"
                    : "password,keyboard-interactive");
            created.setServerAliveInterval(15_000);
            created.connect((int) connectTimeout.toMillis());
            session = created;
            return session;
        } catch (JSchException e) {
            throw explain(e);
        }
    }

    private synchronized void dropSession() {
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }

    /** Closes the session. */
    public void close() {
        dropSession();
    }

    private UserError explain(JSchException e) {
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        LOG.debugf("SSH to %s failed: %s", describe(), message);
        if (cause instanceof UnknownHostException) {
            return new UserError("The host name " + host + " cannot be resolved.", "Check the environment's host.");
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new UserError("Cannot reach " + host + ":" + port + " (" + cause.getMessage() + ").",
                    "Check that sshd runs there, the port, and firewalls.");
        }
        if (cause instanceof SocketTimeoutException || message.contains("timeout")) {
            return new UserError("No SSH answer from " + host + ":" + port + " within " + connectTimeout.toSeconds()
                    + " s.", "Check the host and port, and firewalls.");
        }
        if (message.contains("reject HostKey") || message.contains("HostKey has been changed")) {
            return new UserError("The SSH host key of " + host + ":" + port + " does not match the pinned key "
                    + "(presented: " + (pinned.presented != null ? pinned.presented.line() : "none") + ").",
                    "If the server's key really changed, update the environment's hostKey; otherwise someone may "
                            + "be intercepting the connection.");
        }
        if (message.contains("Auth fail") || message.contains("Auth cancel")) {
            return new UserError("The SSH server " + host + ":" + port + " refused the " + (privateKey != null
                    ? "private key"
                    : "password") + " for user " + user + ".", privateKey != null
                            ? "Add the matching public key to ~" + user + "/.ssh/authorized_keys on the host."
                            : "Check the user name and password.");
        }
        if (message.contains("invalid privatekey")) {
            return new UserError("The private key of this environment cannot be read.", "Give an OpenSSH or PEM "
                    + "private key without a passphrase.");
        }
        return new UserError("SSH to " + describe() + " failed: " + message + ".", "Check the host, port and "
                + "credentials.");
    }

    /** Accepts exactly the pinned key, or (when none is pinned) the first key presented, and remembers it. */
    private static final class PinnedKey implements HostKeyRepository {

        private final HostKeys.HostKey pinned;
        private volatile HostKeys.HostKey presented;

        PinnedKey(HostKeys.HostKey pinned) {
            this.pinned = pinned;
        }

        @Override
        public int check(String host, byte[] key) {
            HostKeys.HostKey offered = toKey(host, key);
            presented = offered;
            if (pinned == null) {
                return OK;
            }
            return pinned.base64().equals(offered.base64()) ? OK : CHANGED;
        }

        private static HostKeys.HostKey toKey(String host, byte[] key) {
            try {
                HostKey hostKey = new HostKey(host, key);
                return new HostKeys.HostKey(hostKey.getType(), hostKey.getKey());
            } catch (JSchException e) {
                return new HostKeys.HostKey("unknown", java.util.Base64.getEncoder().encodeToString(key));
            }
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "strata-pinned";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }
}
