package io.strata.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A real Kubernetes API server of the test's own: etcd and the {@code kube-apiserver} that
 * {@code make kube-apiserver} builds once per machine into {@code $STRATA_HOME/kubernetes/bin}, on free ports of
 * 127.0.0.1, with a CA, certificates and a service-account key pair made by openssl in a temporary directory. RBAC
 * is on: the admin (group {@code system:masters}) may do anything, and kubeconfigs for a ServiceAccount or a user let
 * a test check what others may do. Schema validation, server-side apply, watches and {@code kubectl explain} behave
 * as on a cluster. No kubelet, scheduler or controller manager runs: pods stay Pending and nothing reconciles
 * Deployments or ReplicaSets.
 */
public final class KubeApiServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private static KubeApiServer shared;

    private final Path root;
    private final Path pki;
    private final Path etcdLog;
    private final Path logFile;
    private final Path adminKubeconfig;
    private final int etcdPort = Ports.free();
    private final int etcdPeerPort = Ports.free();
    private final int port = Ports.free();
    private final AtomicInteger identities = new AtomicInteger();
    private Process etcd;
    private Process apiServer;

    private KubeApiServer(Path root) {
        this.root = root;
        this.pki = root.resolve("pki");
        this.etcdLog = root.resolve("etcd.log");
        this.logFile = root.resolve("kube-apiserver.log");
        this.adminKubeconfig = root.resolve("admin.kubeconfig");
    }

    /** One API server per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KubeApiServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A new API server of the caller's own, with an empty etcd; close it when done. */
    public static KubeApiServer start() {
        // Fail before making anything when a binary is missing.
        binary();
        etcdBinary();
        KubeApiServer server;
        try {
            server = new KubeApiServer(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                    "strata-kube-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server.makeCertificates();
            server.writeKubeconfig(server.adminKubeconfig, null, server.clientCertificateFields("admin"));
            server.startProcesses();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The API server binary: {@code strata.kube.apiserver}, else {@code $STRATA_HOME/kubernetes/bin/kube-apiserver}
     * ({@code test.strata.home}, then the environment's {@code STRATA_HOME}, then {@code /var/lib/strata}).
     */
    public static Path binary() {
        String configured = System.getProperty("strata.kube.apiserver");
        if (configured == null) {
            String home = System.getProperty("test.strata.home", System.getenv().getOrDefault("STRATA_HOME",
                    "/var/lib/strata"));
            configured = home + "/kubernetes/bin/kube-apiserver";
        }
        Path binary = Path.of(configured);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("kube-apiserver not found at " + binary + ". Run `make kube-apiserver` "
                    + "first (it builds it once per machine, about 20 minutes), or set "
                    + "-Dstrata.kube.apiserver=<file>.");
        }
        return binary;
    }

    /** Debian's etcd, from the PATH. */
    public static Path etcdBinary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "etcd")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("etcd not found on the PATH. Run `make kube-apiserver` "
                        + "(it installs Debian's etcd-server), or apt-get install etcd-server."));
    }

    private void makeCertificates() {
        try {
            Files.createDirectories(pki);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pem("ca.key"), "-out", pem("ca.crt"),
                "-days", "30", "-subj", "/CN=strata-test-ca");
        sign("server", "/CN=kube-apiserver", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "extendedKeyUsage=serverAuth");
        sign("admin", "/CN=admin/O=system:masters", "extendedKeyUsage=clientAuth");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pem("sa.key"));
        openssl("pkey", "-in", pem("sa.key"), "-pubout", "-out", pem("sa.pub"));
    }

    /** A key {@code name.key} and a certificate {@code name.crt} signed by the CA for a subject. */
    private void sign(String name, String subject, String... extensions) {
        Path extensionFile = pki.resolve(name + ".ext");
        try {
            Files.writeString(extensionFile, String.join("\n", extensions) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", pem(name + ".key"), "-out", pem(name + ".csr"),
                "-subj", subject);
        openssl("x509", "-req", "-in", pem(name + ".csr"), "-CA", pem("ca.crt"), "-CAkey", pem("ca.key"), "-out",
                pem(name + ".crt"), "-days", "30", "-extfile", extensionFile.toString());
    }

    private String pem(String name) {
        return pki.resolve(name).toString();
    }

    private static void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Processes.run(60, command);
    }

    private void startProcesses() {
        List<String> etcdCommand = List.of(etcdBinary().toString(), "--name", "strata-test", "--data-dir",
                root.resolve("etcd").toString(), "--listen-client-urls", etcdUrl(), "--advertise-client-urls",
                etcdUrl(), "--listen-peer-urls", peerUrl(),
                // Else etcd advertises its default peer URL, localhost:2380, which another etcd may own.
                "--initial-advertise-peer-urls", peerUrl(), "--initial-cluster", "strata-test=" + peerUrl());
        etcd = launch(etcdCommand, etcdLog);
        apiServer = launch(List.of(binary().toString(), "--etcd-servers=" + etcdUrl(), "--bind-address=127.0.0.1",
                "--secure-port=" + port, "--tls-cert-file=" + pem("server.crt"),
                "--tls-private-key-file=" + pem("server.key"), "--client-ca-file=" + pem("ca.crt"),
                "--service-account-key-file=" + pem("sa.pub"), "--service-account-signing-key-file=" + pem("sa.key"),
                "--service-account-issuer=https://kubernetes.default.svc", "--authorization-mode=RBAC",
                "--service-cluster-ip-range=10.0.0.0/24", "--advertise-address=127.0.0.1",
                // It refuses pods until their ServiceAccount's token secret exists, and only the controller
                // manager's token controller, which does not run here, makes those.
                "--disable-admission-plugins=ServiceAccount"), logFile);
        awaitReady();
    }

    private String etcdUrl() {
        return "http://127.0.0.1:" + etcdPort;
    }

    private String peerUrl() {
        return "http://127.0.0.1:" + etcdPeerPort;
    }

    private static Process launch(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code /readyz} until it answers "ok". Anonymous requests may read it once the bootstrap RBAC roles exist,
     * which is also one of its checks, so a 403 only means "not yet".
     */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().sslContext(trustingCa()).connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/readyz")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!etcd.isAlive()) {
                throw new IllegalStateException("etcd exited:\n" + Processes.tail(etcdLog, 40));
            }
            if (!apiServer.isAlive()) {
                throw new IllegalStateException("kube-apiserver exited:\n" + Processes.tail(logFile, 40));
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && "ok".equals(response.body().strip())) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for kube-apiserver", e);
            }
            Processes.sleep(100);
        }
        throw new IllegalStateException("kube-apiserver not ready after " + READY_TIMEOUT + ":\n" + Processes.tail(
                logFile, 40));
    }

    private SSLContext trustingCa() {
        try (InputStream in = Files.newInputStream(pki.resolve("ca.crt"))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test CA " + pki.resolve("ca.crt"), e);
        }
    }

    /** The API server's URL, {@code https://127.0.0.1:<port>}. */
    public String url() {
        return "https://127.0.0.1:" + port;
    }

    /** A kubeconfig file for the admin (group {@code system:masters}), for {@code kubectl --kubeconfig}. */
    public Path kubeconfig() {
        return adminKubeconfig;
    }

    /** A new client acting as the admin; close it when done. */
    public KubernetesClient client() {
        return client(adminKubeconfig);
    }

    /** A new client acting as whoever a kubeconfig file names (one of this server's); close it when done. */
    public KubernetesClient client(Path kubeconfig) {
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A kubeconfig file that authenticates as the ServiceAccount {@code namespace/name} with a token from the
     * TokenRequest API, namespace {@code namespace} by default. Creates the ServiceAccount if it does not exist (the
     * namespace must); grants it nothing.
     */
    public Path serviceAccountKubeconfig(String namespace, String name) {
        String token;
        try (KubernetesClient admin = client()) {
            var account = admin.serviceAccounts().inNamespace(namespace).withName(name);
            if (account.get() == null) {
                account.create(new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build());
            }
            token = account.tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(24 * 3600L)
                    .endSpec().build()).getStatus().getToken();
        }
        Path file = root.resolve("sa-" + namespace + "-" + name + "-" + identities.incrementAndGet() + ".kubeconfig");
        writeKubeconfig(file, namespace, "    token: " + token);
        return file;
    }

    /**
     * A kubeconfig file that authenticates as user {@code user}, member of {@code groups}, with a client certificate
     * signed by this server's CA. The user may do nothing until a (Cluster)RoleBinding names it or one of its groups.
     */
    public Path userKubeconfig(String user, String... groups) {
        String name = "user-" + identities.incrementAndGet();
        String subject = "/CN=" + user + Stream.of(groups).map(group -> "/O=" + group).collect(Collectors.joining());
        sign(name, subject, "extendedKeyUsage=clientAuth");
        Path file = root.resolve(name + "-" + user + ".kubeconfig");
        writeKubeconfig(file, null, clientCertificateFields(name));
        return file;
    }

    /** The {@code user:} lines for a client certificate made by {@link #sign}, embedded like the CA. */
    private String clientCertificateFields(String name) {
        return "    client-certificate-data: " + base64(name + ".crt") + "\n    client-key-data: " + base64(name
                + ".key");
    }

    private String base64(String pkiFile) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(pki.resolve(pkiFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a kubeconfig for this server; {@code userFields} are the YAML lines of the {@code user:} entry. */
    private void writeKubeconfig(Path file, String namespace, String userFields) {
        // Everything embedded, so that the file works wherever it is copied (a service under test, a shell).
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: strata-test
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: me
                  user:
                %s
                contexts:
                - name: strata-test
                  context:
                    cluster: strata-test
                    user: me
                %s
                current-context: strata-test
                """.formatted(url(), base64("ca.crt"), userFields,
                namespace == null ? "" : "    namespace: " + namespace);
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the machine's kubectl as the admin and returns its output (stdout and stderr); throws on failure. */
    public String kubectl(String... args) {
        return kubectl(adminKubeconfig, args);
    }

    /**
     * Runs the machine's kubectl with a kubeconfig file and returns its output (stdout and stderr); throws on failure.
     * kubectl 1.32 warns about the version skew against this 1.20 server, and works.
     */
    public String kubectl(Path kubeconfig, String... args) {
        // A discovery cache of this server's own: the default one in ~/.kube outlives the server and its port.
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", root.resolve("kubectl-cache").toString()));
        command.addAll(List.of(args));
        return Processes.run(120, command);
    }

    /** The API server's log. */
    public Path logFile() {
        return logFile;
    }

    /** etcd's log. */
    public Path etcdLogFile() {
        return etcdLog;
    }

    /** The API server's log and etcd's, read now as text, for a failure message. */
    public String logs() {
        return "kube-apiserver:\n" + Processes.tail(logFile, 60) + "\netcd:\n" + Processes.tail(etcdLog, 20);
    }

    @Override
    public void close() {
        // The API server first: without etcd it would only log errors until it is stopped.
        for (Process process : new Process[]{apiServer, etcd}) {
            if (process != null) {
                process.destroy();
                Processes.awaitExit(process);
            }
        }
        Processes.deleteTree(root);
    }

}
