package io.strata.router;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.strata.contracts.api.Problem;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * What the router adds around each proxied exchange: it tells the service who the client is
 * ({@code X-Forwarded-For}), keeps the service's hop-by-hop headers off the client's connection, and turns a service
 * that does not answer into a problem+json the user can act on: 503 (not running: how to start it) or 504 (no answer
 * within {@code strata.router.timeout}). A service that fails after its status line has gone out cannot be turned
 * into a problem any more; the proxy then resets the client's connection so that the answer is visibly incomplete.
 */
final class BackendFailures implements ProxyInterceptor {

    /** The {@link ApiRouter.Route} of the exchange, put in the context by the origin provider. */
    static final String ROUTE = "strata.router.route";
    /** {@code true} once the router holds a connection to the service. */
    static final String CONNECTED = "strata.router.connected";

    /**
     * The proxy strips these from requests but copies them from responses. They describe the service's connection
     * to the router, not the router's to the client, and on an HTTP/2 client connection they are even illegal.
     */
    private static final List<String> HOP_BY_HOP_RESPONSE_HEADERS = List.of("connection", "keep-alive",
            "proxy-authenticate", "proxy-connection", "te", "trailer", "upgrade");

    private final Duration timeout;

    BackendFailures(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest client = context.request().proxiedRequest();
        // Set, not added: a client must not be able to pass itself off as someone else.
        context.request().putHeader("X-Forwarded-For",
                client.remoteAddress() != null ? client.remoteAddress().hostAddress() : "unknown");
        return context.sendRequest().recover(error -> Future.succeededFuture(problemResponse(context, error)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        HOP_BY_HOP_RESPONSE_HEADERS.forEach(context.response().headers()::remove);
        return context.sendResponse();
    }

    private ProxyResponse problemResponse(ProxyContext context, Throwable error) {
        Problem problem = problemFor(context, error);
        // release() lets the rest of the client's request body drain, since no service will read it now.
        return context.request().release().response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).setBody(Body.body(Problems.json(problem)));
    }

    private Problem problemFor(ProxyContext context, Throwable error) {
        ApiRouter.Route route = context.get(ROUTE, ApiRouter.Route.class);
        String service = "The " + route.service() + " service at " + route.url();
        // A timeout before the connection stands is the connect timeout: the service is not there, which is a 503.
        if (error instanceof TimeoutException && Boolean.TRUE.equals(context.get(CONNECTED, Boolean.class))) {
            return Problem.of(504, "Gateway Timeout", service + " did not answer within " + readable(timeout)
                    + " (strata.router.timeout). Its log says what it is busy with.");
        }
        return Problem.of(503, "Service Unavailable", service + " is not answering (" + error.getMessage()
                + "). Start it with `make up`; `make status` shows what runs.");
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
