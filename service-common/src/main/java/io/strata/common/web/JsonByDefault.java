package io.strata.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The API speaks JSON only: a request to {@code /api/} that carries no body (a plain {@code POST} of an action such
 * as a sync, whatever Content-Type the client adds) or no Content-Type is read as JSON, instead of being refused with
 * 415 before its resource sees it; a body of another type still is. It runs before the REST layer chooses how to
 * read the body.
 */
@ApplicationScoped
public class JsonByDefault {

    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).handler(context -> {
            var request = context.request();
            boolean noBody = request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null && (request.getHeader(
                    HttpHeaders.CONTENT_LENGTH) == null || "0".equals(request.getHeader(HttpHeaders.CONTENT_LENGTH)));
            if (noBody || request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
                request.headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
            }
            context.next();
        });
    }
}
