package io.strata.router;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EchoBackend.class)
class ApiRouterTest {

    @Test
    void aRequestReachesTheOwningServiceUnchanged() {
        given().header("Authorization", "Bearer abc").body("{\"name\":\"x\"}").contentType("application/json")
                .post("/api/v1/jobs/42/cancel?reason=test").then().statusCode(200)
                .header("X-Backend", "catalog")
                .body(equalTo("POST /api/v1/jobs/42/cancel?reason=test auth=Bearer abc body={\"name\":\"x\"}"));
    }

    @Test
    void theServiceStatusComesBackAsIs() {
        given().get("/api/v1/bookmarks/missing").then().statusCode(404).header("X-Backend", "catalog");
    }

    @Test
    void anUnknownResourceIsA404ThatListsTheKnownOnes() {
        given().get("/api/v1/widgets").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("No API resource 'widgets'"))
                .body("detail", containsString("vdbs"));
    }

    @Test
    void aServiceThatDoesNotAnswerIsA503ThatSaysWhatToDo() {
        given().get("/api/v1/sources").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("The ingest service at http://127.0.0.1:"))
                .body("detail", containsString("make up"));
    }
}
