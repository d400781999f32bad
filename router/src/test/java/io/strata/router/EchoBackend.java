package io.strata.router;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.testing.Ports;
import io.strata.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A real HTTP server standing in for the catalog service in the router's own test. By default it answers with what it
 * received (method, path, query, Authorization, body), so the test can see that the router passed everything through;
 * under {@code /api/v1/jobs/} it also streams large answers, digests large uploads, breaks off an answer half-way and
 * stays silent, each on its own path. The ingest service is pointed at a port where nothing listens.
 */
public class EchoBackend implements QuarkusTestResourceLifecycleManager {

    /** Answers {@code ?bytes=n} bytes of {@link #payload} chunked, in pieces as a streaming service would. */
    static final String CHUNKED = "/api/v1/jobs/chunked";
    /** Answers {@code ?bytes=n} bytes of {@link #payload} with a Content-Length. */
    static final String SIZED = "/api/v1/jobs/sized";
    /** Answers the request body's size, SHA-256 and framing headers as the service received them. */
    static final String UPLOAD = "/api/v1/jobs/upload";
    /** Promises {@link #BROKEN_LENGTH} bytes ({@code ?framing=chunked} or {@code sized}), sends less, hangs up. */
    static final String BROKEN = "/api/v1/jobs/broken";
    /** Never answers. */
    static final String SILENT = "/api/v1/jobs/silent";
    static final int BROKEN_LENGTH = 4 * 1024 * 1024;

    private static final int PIECE = 64 * 1024;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int port = Ports.free();
        HttpServer server = vertx.createHttpServer().requestHandler(this::answer);
        await(server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture());
        Map<String, String> config = new java.util.HashMap<>(TestTokens.serviceConfig());
        config.put("strata.router.services.catalog.url", "http://127.0.0.1:" + port);
        config.put("strata.router.services.ingest.url", "http://127.0.0.1:" + Ports.free());
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    /** {@code size} bytes that are the same on every call, so that a test can compare what arrived. */
    static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** The lower-case hex SHA-256 of the bytes. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private void answer(HttpServerRequest request) {
        switch (request.path()) {
            case CHUNKED -> answerInPieces(request);
            case SIZED -> request.response().end(Buffer.buffer(payload(size(request))));
            case UPLOAD -> digestUpload(request);
            case BROKEN -> breakOff(request);
            case SILENT -> {
                // The router's timeout is what ends this exchange.
            }
            default -> echo(request);
        }
    }

    private static void echo(HttpServerRequest request) {
        request.body().onSuccess(body -> request.response()
                .setStatusCode(request.path().endsWith("/missing") ? 404 : 200).putHeader("X-Backend", "catalog")
                .putHeader("X-Seen-Forwarded-For", String.valueOf(request.getHeader("X-Forwarded-For")))
                .end(request.method() + " " + request.uri() + " auth=" + request.getHeader("Authorization")
                        + " body=" + body));
    }

    private static void answerInPieces(HttpServerRequest request) {
        Buffer whole = Buffer.buffer(payload(size(request)));
        var response = request.response().setChunked(true);
        for (int from = 0; from < whole.length(); from += PIECE) {
            response.write(whole.getBuffer(from, Math.min(from + PIECE, whole.length())));
        }
        response.end();
    }

    private static void digestUpload(HttpServerRequest request) {
        MessageDigest digest = sha256();
        long[] received = {0};
        request.handler(piece -> {
            digest.update(piece.getBytes());
            received[0] += piece.length();
        });
        request.endHandler(end -> request.response().end("bytes=" + received[0] + " sha256="
                + HexFormat.of().formatHex(digest.digest()) + " transfer-encoding="
                + request.getHeader(HttpHeaders.TRANSFER_ENCODING) + " content-length="
                + request.getHeader(HttpHeaders.CONTENT_LENGTH)));
    }

    /** Sends a quarter of what the headers promise, then closes the connection as a crashing service would. */
    private static void breakOff(HttpServerRequest request) {
        var response = request.response();
        if ("chunked".equals(request.getParam("framing"))) {
            response.setChunked(true);
        } else {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(BROKEN_LENGTH));
        }
        response.write(Buffer.buffer(payload(BROKEN_LENGTH / 4))).onComplete(written -> request.connection().close());
    }

    private static int size(HttpServerRequest request) {
        return Integer.parseInt(request.getParam("bytes"));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stand-in catalog service started or stopped", e);
        } catch (Exception e) {
            throw new IllegalStateException("the stand-in catalog service did not start or stop", e);
        }
    }
}
