package io.strata.catalog.audit;

import static io.strata.testing.Api.anonymous;
import static io.strata.testing.Api.as;
import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.StrataTestEnvironment;

/** The audit log as an admin reads it: every change and every refusal, who and what, never a secret. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class AuditTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void changesAndRefusalsAreAuditedWithWhoWhatAndOutcomeButNoSecret() {
        Instant since = Instant.now().minusSeconds(1);
        String name = "auditee-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "secret-" + UUID.randomUUID();
        String userId = given().contentType("application/json").body(Map.of("username", name, "password", password,
                "roles", List.of("reader"))).post("/api/v1/users").then().statusCode(201).extract().path("id");
        anonymous().contentType("application/json").body(Map.of("username", name, "password", "wrong-" + password))
                .post("/api/v1/auth/token").then().statusCode(401);
        as(name, "reader").contentType("application/json").body(Map.of("name", "t-" + name, "datasets", List.of(
                "x"))).post("/api/v1/templates").then().statusCode(403);

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("since", since.toString()).get(
                "/api/v1/audit").then().statusCode(200)
                .body("findAll { it.user == 'admin' && it.resource == 'users/" + userId + "' }.outcome", hasItem(
                        "SUCCEEDED"))
                .body("findAll { it.user == '" + name + "' }.status", hasItem(403))
                .body("findAll { it.path == '/api/v1/auth/token' && it.status == 401 }.outcome", hasItem(
                        "REFUSED")));
        given().queryParam("user", name).get("/api/v1/audit").then().statusCode(200).body("[0].path",
                containsString("/api/v1/templates")).body("[0].service", org.hamcrest.Matchers.equalTo("catalog"));
        String everything = given().queryParam("limit", 1000).get("/api/v1/audit").then().extract().asString();
        assertThat(everything).doesNotContain(password);

        as(name, "reader").get("/api/v1/audit").then().statusCode(403).body("detail", containsString(
                "needs role admin"));
        given().queryParam("since", "yesterday").get("/api/v1/audit").then().statusCode(400);
    }
}
