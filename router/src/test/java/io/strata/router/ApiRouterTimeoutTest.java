package io.strata.router;

import static io.strata.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ApiRouterTimeoutTest.OneSecondTimeout.class)
@WithTestResource(EchoBackend.class)
class ApiRouterTimeoutTest {

    @Test
    void aServiceThatTakesLongerThanTheTimeoutIsA504() {
        given().get(EchoBackend.SILENT).then().statusCode(504).contentType("application/problem+json")
                .body("status", equalTo(504)).body("title", equalTo("Gateway Timeout"))
                .body("detail", containsString("The catalog service at http://127.0.0.1:"))
                .body("detail", containsString("did not answer within 1 s (strata.router.timeout)"));
    }

    @Test
    void theRouterCarriesOnAfterATimeout() {
        given().get(EchoBackend.SILENT).then().statusCode(504);

        given().get("/api/v1/jobs/8").then().statusCode(200).body(containsString("GET /api/v1/jobs/8 "));
    }

    /** A timeout short enough for a test; the silent path never answers, so it is always reached. */
    public static class OneSecondTimeout implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strata.router.timeout", "1s");
        }
    }
}
