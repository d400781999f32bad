package io.strata.ingest;

import static io.strata.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;

/**
 * Bodies that cannot be read are refused with a problem that says where and why; a body-less POST is not refused
 * for lacking a Content-Type.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class RequestBodyTest {

    @Test
    void textThatIsNotJsonIsA400ThatSaysWhereParsingStopped() {
        given().contentType("application/json").body("{\"name\": \"a\",\n oops}").post("/api/v1/sources").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("The request body is not valid JSON at line 2"));
    }

    @Test
    void jsonThatIsNotAnObjectIsA400ThatSaysSo() {
        given().contentType("application/json").body("[]").post("/api/v1/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("must be a JSON object at line 1, column 1, not an array"));
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        given().contentType("application/json").body("{\"name\": \"a\", \"staging\": \"local\"}").post(
                "/api/v1/sources").then().statusCode(400).body("field", equalTo("staging"));
    }

    @Test
    void aMissingBodyAndABadNameAreRefusedByBeanValidationWithTheField() {
        given().contentType("application/json").post("/api/v1/sources").then().statusCode(400).body("detail",
                startsWith("The request body is required"));
        given().contentType("application/json").body("{\"name\": \"no spaces\"}").post("/api/v1/sources").then()
                .statusCode(400).body("field", equalTo("name")).body("detail", containsString("1 to 63 letters"));
    }

    @Test
    void aPostWithoutBodyOrContentTypeIsReadAsEmptyJson() {
        given().post("/api/v1/sources/src-unknown/sync").then().statusCode(404);
        given().contentType("text/plain").post("/api/v1/sources/src-unknown/sync").then().statusCode(404);
        given().contentType("application/json").body("{\"resync\": \"maybe\"}").post(
                "/api/v1/sources/src-unknown/sync").then().statusCode(400).body("field", equalTo("resync"));
    }
}
