package io.strata.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The snapshot (btrfs pool), provisioning, ingest and catalog services (and, when asked, the masking service) run as
 * processes on a test's own home and topic prefix, behind a router that sends masking requests nowhere without it: what a flow through the one public URL needs
 * (the integration tests', the CLI's benchmark).
 *
 * @param router the router, the URL to send requests to
 * @param all every process, the router first
 */
public record RoutedServices(ServiceProcess router, List<ServiceProcess> all) {

    /**
     * Starts them; the provisioning and the ingest service each get {@code portsEach} ports of their own for engines.
     */
    public static RoutedServices start(StrataHome home, int portsEach) {
        return start(home, portsEach, false);
    }

    /** Starts them, and the masking service too when {@code withMasking}. */
    public static RoutedServices start(StrataHome home, int portsEach, boolean withMasking) {
        return start(home, portsEach, withMasking, "4G");
    }

    /** Starts them, with a btrfs pool of {@code poolSize} ({@code 4G}, {@code 12G} ...). */
    public static RoutedServices start(StrataHome home, int portsEach, boolean withMasking, String poolSize) {
        PostgresCluster state = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        String prefix = "rs" + UUID.randomUUID().toString().substring(0, 8);
        int ports = Ports.range(2 * portsEach);
        ServiceProcess snapshot = ServiceProcess.of("snapshot-service").withDatabase(state).withBroker(broker, prefix)
                .with(Map.of("strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs",
                        "strata.snapshot.pool.size", poolSize, "strata.snapshot.nfs.port",
                        String.valueOf(Ports.free())))
                .start();
        ServiceProcess provisioning = ServiceProcess.of("provisioning-service").withDatabase(state).withBroker(broker,
                prefix).with("strata.home", home.toString()).with("strata.provisioning.ports", ports + "-"
                        + (ports
                                + portsEach - 1))
                .start();
        ServiceProcess ingest = ServiceProcess.of("ingest-service").withDatabase(state).withBroker(broker, prefix)
                .with("strata.home", home.toString()).with("strata.ingest.staging.ports", (ports + portsEach) + "-"
                        + (ports + 2 * portsEach - 1))
                .start();
        ServiceProcess catalog = ServiceProcess.of("catalog-service").withDatabase(state).withBroker(broker, prefix)
                .start();
        ServiceProcess masking = withMasking
                ? ServiceProcess.of("masking-service").withDatabase(state).withBroker(broker, prefix).with(
                        "strata.home", home.toString()).start()
                : null;
        ServiceProcess router = ServiceProcess.of("router").with(Map.of("strata.router.services.snapshot.url",
                snapshot.baseUrl(), "strata.router.services.provisioning.url", provisioning.baseUrl(),
                "strata.router.services.ingest.url", ingest.baseUrl(), "strata.router.services.catalog.url", catalog
                        .baseUrl(),
                "strata.router.services.masking.url", masking == null
                        ? "http://127.0.0.1:" + Ports.free()
                        : masking.baseUrl()))
                .start();
        return new RoutedServices(router, masking == null
                ? List.of(router, catalog, ingest, provisioning, snapshot)
                : List.of(router, masking, catalog, ingest, provisioning, snapshot));
    }

    /** A token of {@code username}, signed in through the router with {@code password}. */
    public String signIn(String username, String password) {
        return Api.anonymous().baseUri(router.baseUrl()).contentType("application/json").body(Map.of("username",
                username, "password", password)).post("/api/v1/auth/token").then().statusCode(200).extract().path(
                        "token");
    }

    /** A token of the administrator every test service starts with. */
    public String adminToken() {
        return signIn("admin", ServiceProcess.ADMIN_PASSWORD);
    }

    /** The process of a module, e.g. {@code provisioning-service}. */
    public ServiceProcess service(String module) {
        return all.stream().filter(process -> process.module().equals(module)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("No " + module + " among " + all.stream().map(
                        ServiceProcess::module).toList()));
    }

    /** Every process, the router first. */
    public ServiceProcess[] processes() {
        return all.toArray(new ServiceProcess[0]);
    }
}
