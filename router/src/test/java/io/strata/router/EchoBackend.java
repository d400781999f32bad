package io.strata.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server standing in for the catalog service in the router's own test: it answers with what it received
 * (method, path, query, one header, body), so the test can see that the router passed everything through. The ingest
 * service is pointed at a port where nothing listens.
 */
public class EchoBackend implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String answer = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                        + exchange.getRequestHeaders().getFirst("Authorization") + " body=" + body;
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-Backend", "catalog");
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200,
                        bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            int deadPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                deadPort = socket.getLocalPort();
            }
            return Map.of("strata.router.services.catalog.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "strata.router.services.ingest.url", "http://127.0.0.1:" + deadPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
