package io.strata.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A host a plugin runs commands on: this machine, an SSH host or a Kubernetes pod. The service provides it; a
 * plugin never opens connections itself, so host keys, credentials and timeouts are handled in one place.
 */
public interface HostConnection {

    /** A name for messages, e.g. {@code local} or {@code postgres@db1.example.com:22}. */
    String describe();

    /** The host name or address other hosts reach it by. */
    String address();

    /** The OS user commands run as ({@code root} when the service runs as root on this host). */
    String user();

    /** For an SSH host, how another program (rsync, ssh) reaches it with the same key and pinned host key. */
    default Optional<SshEndpoint> ssh() {
        return Optional.empty();
    }

    /**
     * Runs a program. {@code environment} carries secrets (they never appear in the arguments); {@code stdin} may be
     * {@code null}. Never throws for a non-zero exit: check {@link Result#exitCode()}.
     *
     * @throws UserError when the host cannot be reached or the command does not finish in time
     */
    default Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout) {
        return run(command, environment, stdin, timeout, line -> {
        });
    }

    /**
     * Runs a program, handing each line it writes on standard error to {@code stderrLines} as it comes (progress
     * reports), and returning everything at the end.
     */
    Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout,
            Consumer<String> stderrLines);

    /**
     * The command, to be run as {@code osUser}: unchanged when the connection already is that user, else wrapped in
     * {@code runuser} (which only root may do).
     */
    default List<String> as(String osUser, List<String> command) {
        if (osUser == null || osUser.equals(user())) {
            return command;
        }
        List<String> wrapped = new java.util.ArrayList<>(List.of("runuser", "-u", osUser, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Runs a program and fails with a {@link UserError} carrying its output unless it exits with 0. */
    default Result runChecked(List<String> command, Duration timeout, String failureMessage, String action) {
        Result result = run(command, Map.of(), null, timeout);
        if (result.exitCode() != 0) {
            throw new UserError(failureMessage, action, result.stderr().isBlank()
                    ? result.stdout()
                    : result
                            .stderr());
        }
        return result;
    }

    /**
     * How other programs reach an SSH host the way this connection does.
     *
     * @param user the login user
     * @param host the host
     * @param port the SSH port
     * @param identityFile a private key file (mode 0600) on this machine, or {@code null} for password logins
     * @param knownHostsFile a known_hosts file holding exactly the host's pinned key
     */
    record SshEndpoint(String user, String host, int port, String identityFile, String knownHostsFile) {

        /** The {@code ssh} command line (for {@code rsync -e}) that trusts only the pinned host key. */
        public String sshCommand() {
            StringBuilder command = new StringBuilder("ssh -p ").append(port)
                    .append(" -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=").append(
                            knownHostsFile)
                    .append(" -o ConnectTimeout=10");
            if (identityFile != null) {
                command.append(" -o IdentitiesOnly=yes -i ").append(identityFile);
            }
            return command.toString();
        }
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit code
     * @param stdout standard output
     * @param stderr standard error
     */
    record Result(int exitCode, String stdout, String stderr) {
    }
}
