package io.strata.router;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.strata.contracts.api.Problem;
import io.strata.contracts.api.TokenRefusals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;

/**
 * Sends {@code /api/v1/<resource>/...} to the service that owns {@code <resource>} through Vert.x's reverse proxy,
 * which streams the body both ways with back-pressure (chunked or not) and keeps method, query, headers
 * (Authorization included) and status. Every request but signing in must carry a valid token (signature, issuer,
 * expiry; the services check revocation and roles), or gets a problem+json 401 here. A resource nobody owns is a problem+json 404; what happens when a service
 * does not answer is up to {@link BackendFailures}.
 */
@ApplicationScoped
public class ApiRouter {

    static final String PREFIX = "/api/v1/";
    /** The one call that needs no token. */
    private static final String SIGN_IN = PREFIX + "auth/token";
    private static final String BEARER = "Bearer ";
    /** How long the router waits for a TCP connection: a service on this machine either accepts at once or is down. */
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    @Inject
    RouterConfig config;

    @Inject
    Vertx vertx;

    @Inject
    JWTParser tokens;

    private Map<String, Route> routes;
    private HttpProxy proxy;

    void register(@Observes Router router) {
        routes = routesOf(config.services());
        var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
        proxy = HttpProxy.reverseProxy(client).origin(this::openOrigin)
                .addInterceptor(new BackendFailures(config.timeout()));
        router.route(PREFIX + "*").handler(this::forward);
        Log.infof("Routing %s", routes);
    }

    /**
     * The route of every resource, sorted by resource so that a 404 lists them in order.
     *
     * @throws IllegalStateException when two services claim the same resource, so that start-up fails
     */
    static Map<String, Route> routesOf(Map<String, RouterConfig.Backend> services) {
        Map<String, Route> routes = new TreeMap<>();
        services.forEach((service, backend) -> {
            Route route = new Route(service, URI.create(backend.url()));
            for (String resource : backend.resources()) {
                Route previous = routes.put(resource, route);
                if (previous != null) {
                    throw new IllegalStateException("resource '" + resource + "' is claimed by both "
                            + previous.service() + " and " + service + "; fix strata.router.services");
                }
            }
        });
        return Collections.unmodifiableMap(routes);
    }

    private void forward(RoutingContext context) {
        String resource = resourceOf(context.request().path());
        if (!routes.containsKey(resource)) {
            Problem problem = Problem.of(404, "Not Found", "No API resource '" + resource + "'. Known resources: "
                    + routes.keySet() + " (see /q/openapi of each service).");
            context.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(Problems.json(problem));
            return;
        }
        if (!isSignIn(context) && !hasValidToken(context)) {
            return;
        }
        proxy.handle(context.request());
    }

    private static boolean isSignIn(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && SIGN_IN.equals(context.request().path());
    }

    /** Checks the bearer token's signature, issuer and expiry; answers 401 and returns false when it fails. */
    private boolean hasValidToken(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            unauthorized(context, TokenRefusals.MISSING);
            return false;
        }
        try {
            tokens.parse(header.substring(BEARER.length()).trim());
            return true;
        } catch (ParseException e) {
            unauthorized(context, TokenRefusals.refused(e));
            return false;
        }
    }

    private static void unauthorized(RoutingContext context, String detail) {
        context.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer").end(Problems.json(Problem.of(401, "Unauthorized", detail)));
    }

    /** The connection to the owning service; {@link #forward} has made sure there is one. */
    private Future<HttpClientRequest> openOrigin(ProxyContext context) {
        Route route = routes.get(resourceOf(context.request().proxiedRequest().path()));
        context.set(BackendFailures.ROUTE, route);
        RequestOptions options = new RequestOptions().setHost(route.url().getHost()).setPort(route.port())
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS).setIdleTimeout(config.timeout().toMillis());
        return context.client().request(options).onSuccess(request -> context.set(BackendFailures.CONNECTED, true));
    }

    private static String resourceOf(String path) {
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** Where one resource goes: the owning service's name and base URL. */
    record Route(String service, URI url) {

        /** The service's port, 80 when its URL names none. */
        int port() {
            return url.getPort() < 0 ? 80 : url.getPort();
        }
    }
}
