package io.strata.router;

import static io.strata.testing.Api.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web console is served at {@code /} without a token, with headers that keep other origins' scripts and frames
 * out; the API behind it still needs a token and keeps its own headers.
 */
@QuarkusTest
@WithTestResource(EchoBackend.class)
class WebConsoleTest {

    @Test
    void theConsoleIsServedAtTheRootWithoutAToken() {
        anonymous().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"js/app.js\"></script>"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY");
        anonymous().get("/js/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("X-Content-Type-Options", "nosniff");
        anonymous().get("/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void theApiStillNeedsATokenAndKeepsItsHeaders() {
        anonymous().get("/api/v1/datapods").then().statusCode(401).contentType("application/problem+json")
                .header("X-Backend", nullValue()).header("Content-Security-Policy", nullValue());
        anonymous().get("/api/v1/").then().statusCode(404).header("Content-Security-Policy", nullValue());
    }
}
