package io.strata.snapshot.nfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.ApiException;
import io.strata.common.process.CommandException;
import io.strata.common.process.LocalCommands;
import io.strata.snapshot.config.SnapshotConfig;
import io.strata.snapshot.domain.NfsExport;

/**
 * Runs NFS-Ganesha (user space, NFSv4 only, TCP, bound to the configured address and port) and keeps its export list
 * equal to the {@code nfs_export} rows: the list is written to {@code $STRATA_HOME/nfs/exports.conf} and made live with
 * SIGHUP, so exports come and go without a restart. The server outlives the service (it runs as a daemon with a pid
 * file); a restarted service adopts it.
 */
@ApplicationScoped
public class NfsServer {

    private static final Pattern CLIENT = Pattern.compile("[0-9A-Za-z.:/*_-]{1,255}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    SnapshotConfig config;

    @Inject
    StrataServiceConfig service;

    /** Whether exports are enabled. */
    public boolean enabled() {
        return config.nfs().enabled();
    }

    /** The address clients mount from. */
    public String advertisedAddress() {
        return config.nfs().advertisedAddress().orElse(config.nfs().bindAddress());
    }

    public int port() {
        return config.nfs().port();
    }

    /** The pseudo path of a volume's export. */
    public static String pseudoPath(String volumeId) {
        return "/strata/" + volumeId;
    }

    /** Checks a client list; returns it, or the configured default when empty. */
    public List<String> validClients(List<String> clients) {
        List<String> chosen = clients == null || clients.isEmpty() ? config.nfs().defaultClients() : clients;
        for (String client : chosen) {
            if (!CLIENT.matcher(client).matches()) {
                throw ApiException.badRequest("clients", "'" + client + "' is not a host, address or network; use "
                        + "forms like 10.0.0.5, 10.0.0.0/24 or db-host.example.com.");
            }
        }
        return List.copyOf(chosen);
    }

    /** Writes the export list from {@code exports}, starts the server if needed, and reloads it. */
    public synchronized void apply(List<NfsExport> exports) {
        requireEnabled();
        try {
            Files.createDirectories(dir().resolve("recovery"));
            Files.createDirectories(pidFile().getParent());
            Files.createDirectories(logFile().getParent());
            writeAtomically(dir().resolve("ganesha.conf"), mainConfig());
            writeAtomically(dir().resolve("exports.conf"), exportsConfig(exports));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long pid = runningPid();
        if (pid == null) {
            start();
        } else {
            LocalCommands.run(Duration.ofSeconds(5), List.of("kill", "-HUP", String.valueOf(pid)));
        }
    }

    /** Waits until the export of {@code volumeId} answers an NFSv4 client. */
    public void awaitVisible(String volumeId) {
        Instant deadline = Instant.now().plus(VISIBLE_TIMEOUT);
        String lastError = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                var result = LocalCommands.attempt(Duration.ofSeconds(5), List.of("nfs-ls", url(volumeId, "")), Map
                        .of(), null);
                if (result.ok()) {
                    return;
                }
                lastError = result.stderr().strip();
            } catch (CommandException e) {
                // A server still starting (or reloading) may hold a client's call unanswered: ask again until the
                // deadline, rather than fail the export on the first slow answer.
                lastError = e.getMessage();
            }
            sleep(50);
        }
        throw ApiException.unavailable("The NFS export of volume " + volumeId + " did not come up within "
                + VISIBLE_TIMEOUT.toSeconds() + " s: " + lastError + " (see " + logFile() + ").");
    }

    /** The libnfs URL of a file in a volume's export, e.g. for {@code nfs-cat}. */
    public String url(String volumeId, String file) {
        return "nfs://" + advertisedAddress() + pseudoPath(volumeId) + "/" + file + "?version=4&nfsport=" + port();
    }

    /** The pid of the running server, or {@code null}. */
    public Long runningPid() {
        try {
            if (!Files.exists(pidFile())) {
                return null;
            }
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
            if (Files.exists(cmdline) && Files.readString(cmdline).contains(dir().resolve("ganesha.conf").toString())) {
                return pid;
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether the server accepts connections. */
    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(config.nfs().bindAddress(), port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server (for tests and for `make down`). */
    public synchronized void stop() {
        Long pid = runningPid();
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(handle -> {
                handle.destroy();
                handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
            });
        }
    }

    private void start() {
        if (!LocalCommands.onPath(config.nfs().program())) {
            throw ApiException.unavailable(config.nfs().program() + " is not installed; install nfs-ganesha and "
                    + "nfs-ganesha-vfs (make install), or set strata.snapshot.nfs.enabled=false.");
        }
        try {
            LocalCommands.run(START_TIMEOUT, List.of(config.nfs().program(), "-f", dir().resolve("ganesha.conf")
                    .toString(), "-L", logFile().toString(), "-p", pidFile().toString(), "-N", "NIV_EVENT"));
        } catch (CommandException e) {
            throw ApiException.unavailable("NFS-Ganesha did not start: " + e.output() + " (see " + logFile() + ").");
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers()) {
            if (Instant.now().isAfter(deadline)) {
                throw ApiException.unavailable("NFS-Ganesha does not listen on " + config.nfs().bindAddress() + ":"
                        + port() + " after " + START_TIMEOUT.toSeconds() + " s; is the port taken? See " + logFile()
                        + ".");
            }
            sleep(50);
        }
        Log.infof("NFS-Ganesha listening on %s:%d (pid %s)", config.nfs().bindAddress(), port(), runningPid());
    }

    private String mainConfig() {
        return """
                # Written by the Strata snapshot service; exports are in exports.conf, one per volume.
                NFS_CORE_PARAM {
                    NFS_Port = %d;
                    Bind_addr = %s;
                    Protocols = 4;
                    Enable_NLM = false;
                    Enable_RQUOTA = false;
                    Enable_UDP = false;
                }
                NFSv4 {
                    Graceless = true;
                    RecoveryRoot = "%s";
                }
                NFS_KRB5 {
                    Active_krb5 = false;
                }
                %%include "%s"
                """.formatted(port(), config.nfs().bindAddress(), dir().resolve("recovery"),
                dir().resolve("exports.conf"));
    }

    static String exportsConfig(List<NfsExport> exports) {
        StringBuilder text = new StringBuilder("# Written by the Strata snapshot service from its nfs_export table.\n");
        for (NfsExport export : exports) {
            text.append("""
                    EXPORT {
                        Export_Id = %d;
                        Path = "%s";
                        Pseudo = "%s";
                        Protocols = 4;
                        Transports = TCP;
                        Access_Type = None;
                        Squash = No_Root_Squash;
                        SecType = sys;
                        CLIENT {
                            Clients = %s;
                            Access_Type = RW;
                        }
                        FSAL {
                            Name = VFS;
                        }
                    }
                    """.formatted(export.exportId, export.path, export.pseudo, String.join(", ", export.clientList())));
        }
        return text.toString();
    }

    private Path dir() {
        return Path.of(service.home(), "nfs");
    }

    private Path pidFile() {
        return Path.of(service.home(), "run", "ganesha.pid");
    }

    private Path logFile() {
        return Path.of(service.home(), "logs", "ganesha.log");
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw ApiException.unavailable("NFS exports are disabled on this storage node "
                    + "(strata.snapshot.nfs.enabled=false).");
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
