package io.strata.router;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.strata.contracts.api.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends {@code /api/v1/<resource>/...} to the service that owns {@code <resource>}, streaming the body both ways
 * and keeping method, query, headers (Authorization included) and status. When a service does not answer, the user
 * gets a problem+json 503 that names it and says how to start it.
 */
@ApplicationScoped
public class ApiRouter {

    private static final String PREFIX = "/api/v1/";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    @Inject
    RouterConfig config;

    @Inject
    Vertx vertx;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Route> routes = new TreeMap<>();
    private HttpClient client;

    void register(@Observes Router router) {
        config.services().forEach((service, backend) -> {
            URI url = URI.create(backend.url());
            for (String resource : backend.resources()) {
                Route previous = routes.put(resource, new Route(service, url));
                if (previous != null) {
                    throw new IllegalStateException("resource '" + resource + "' is claimed by both "
                            + previous.service() + " and " + service + "; fix strata.router.services");
                }
            }
        });
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)
                .setConnectTimeout(2000));
        router.route(PREFIX + "*").handler(this::forward);
        Log.infof("Routing %s", routes);
    }

    private void forward(RoutingContext context) {
        HttpServerRequest request = context.request();
        String rest = request.path().substring(PREFIX.length());
        String resource = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        Route route = routes.get(resource);
        if (route == null) {
            fail(context, 404, "No API resource '" + resource + "'. Known resources: " + routes.keySet()
                    + " (see /q/openapi of each service).");
            return;
        }
        request.pause();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(route.url().getHost())
                .setPort(route.url().getPort()).setURI(request.uri())
                .setTimeout(config.timeout().toMillis());
        request.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                options.addHeader(header.getKey(), header.getValue());
            }
        });
        String forwardedFor = request.remoteAddress() != null ? request.remoteAddress().hostAddress() : "unknown";
        options.putHeader("X-Forwarded-For", forwardedFor);
        client.request(options)
                .compose(outgoing -> outgoing.send(request))
                .onSuccess(response -> relay(context, response))
                .onFailure(error -> {
                    request.resume();
                    fail(context, 503, "The " + route.service() + " service at " + route.url()
                            + " is not answering (" + error.getMessage() + "). Start it with `make up`; `make status` "
                            + "shows what runs.");
                });
    }

    private void relay(RoutingContext context, HttpClientResponse response) {
        var out = context.response().setStatusCode(response.statusCode());
        response.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                out.headers().add(header.getKey(), header.getValue());
            }
        });
        response.pipeTo(out);
    }

    private void fail(RoutingContext context, int status, String detail) {
        if (context.response().headWritten()) {
            context.response().reset();
            return;
        }
        try {
            String title = status == 404 ? "Not Found" : "Service Unavailable";
            context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(Problem.of(status, title, detail)));
        } catch (Exception e) {
            context.response().setStatusCode(status).end();
        }
    }

    /** Where one resource goes. */
    record Route(String service, URI url) {
    }
}
