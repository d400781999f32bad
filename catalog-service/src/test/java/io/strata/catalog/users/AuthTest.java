package io.strata.catalog.users;

import static io.strata.testing.Api.anonymous;
import static io.strata.testing.Api.as;
import static io.strata.testing.Api.given;
import static io.strata.testing.Api.withToken;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TestTokens;

/** Signing in, users, roles and personal access tokens, as users of the catalog's own port see them. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class AuthTest {

    private static String signIn(String username, String password) {
        return anonymous().contentType("application/json").body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then().statusCode(200).body("expiresAt", not(nullValue())).extract()
                .path("token");
    }

    private static void createUser(String username, String password, String... roles) {
        given().contentType("application/json").body(Map.of("username", username, "password", password, "roles",
                List.of(roles))).post("/api/v1/users").then().statusCode(201).body("username", equalTo(username))
                .body("password", nullValue()).body("passwordHash", nullValue());
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void theFirstAdminSignsInWithThePasswordItWasGivenAndTheTokenOpensTheApi() {
        String token = signIn("admin", "first-admin-password");
        withToken(token).get("/api/v1/users/me").then().statusCode(200).body("username", equalTo("admin"))
                .body("roles", hasItem("admin"));
        withToken(token).get("/api/v1/templates").then().statusCode(200);
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401SayingHowToSignIn() {
        anonymous().get("/api/v1/templates").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("POST /api/v1/auth/token"));
        withToken(TestTokens.forged("admin", List.of("admin"))).get("/api/v1/templates").then().statusCode(401)
                .body("detail", containsString("signature"));
        withToken(TestTokens.expired("admin", List.of("admin"))).get("/api/v1/templates").then().statusCode(401)
                .body("detail", containsString("expired"));
        withToken("not-a-token").get("/api/v1/jobs").then().statusCode(401);
        anonymous().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aWrongPasswordOrAnUnknownUserGetsTheSame401() {
        String name = unique("wrong");
        createUser(name, "right-password-123", "owner");
        anonymous().contentType("application/json").body(Map.of("username", name, "password", "wrong-password-1"))
                .post("/api/v1/auth/token").then().statusCode(401).body("detail", equalTo(
                        "Wrong user name or password."));
        anonymous().contentType("application/json").body(Map.of("username", unique("nobody"), "password",
                "wrong-password-1")).post("/api/v1/auth/token").then().statusCode(401).body("detail", equalTo(
                        "Wrong user name or password."));
        anonymous().contentType("application/json").body(Map.of("username", name)).post("/api/v1/auth/token")
                .then().statusCode(400).body("field", equalTo("password"));
    }

    @Test
    void repeatedFailedSignInsMakeTheUserNameWaitEvenWithTheRightPassword() {
        String name = unique("slow");
        createUser(name, "right-password-123", "owner");
        for (int i = 0; i < 6; i++) {
            anonymous().contentType("application/json").body(Map.of("username", name, "password", "guess-" + i))
                    .post("/api/v1/auth/token").then().statusCode(401);
        }
        anonymous().contentType("application/json").body(Map.of("username", name, "password", "right-password-123"))
                .post("/api/v1/auth/token").then().statusCode(429).body("detail", containsString("try again in"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(
                () -> anonymous().contentType("application/json").body(Map.of("username", name, "password",
                        "right-password-123")).post("/api/v1/auth/token").then().statusCode(200));
    }

    @Test
    void onlyAdminsMakeUsersAndReadersChangeNothing() {
        String owner = unique("qa");
        String reader = unique("viewer");
        createUser(owner, "qa-password-1234", "owner");
        createUser(reader, "viewer-password-1", "reader");

        withToken(signIn(owner, "qa-password-1234")).contentType("application/json").body(Map.of("username",
                unique("x"), "password", "some-password-12", "roles", List.of("admin"))).post("/api/v1/users")
                .then().statusCode(403).body("detail", containsString("needs role admin"))
                .body("detail", containsString(owner));
        String readerToken = signIn(reader, "viewer-password-1");
        withToken(readerToken).get("/api/v1/templates").then().statusCode(200);
        withToken(readerToken).delete("/api/v1/bookmarks/" + unique("b")).then().statusCode(403).body("detail",
                containsString("needs role owner or admin"));
        as(owner, "owner").contentType("application/json").body(Map.of("name", unique("t"), "datasets", List.of(
                "x"))).post("/api/v1/templates").then().statusCode(403).body("detail", containsString(
                        "needs role admin"));
        given().contentType("application/json").body(Map.of("username", unique("bad"), "password",
                "some-password-12", "roles", List.of("superuser"))).post("/api/v1/users").then().statusCode(400)
                .body("field", equalTo("roles[0]"));
        given().contentType("application/json").body(Map.of("username", unique("short"), "password", "short",
                "roles", List.of("owner"))).post("/api/v1/users").then().statusCode(400).body("field", equalTo(
                        "password"));
    }

    @Test
    void aPersonalAccessTokenIsShownOnceWorksAndStopsWorkingWhenRevoked() {
        String name = unique("ci");
        createUser(name, "pipeline-password-1", "owner");
        String session = signIn(name, "pipeline-password-1");
        Map<String, Object> created = withToken(session).contentType("application/json").body(Map.of("name",
                "jenkins", "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString())).post("/api/v1/users/"
                        + name + "/tokens")
                .then().statusCode(201).extract().as(Map.class);
        String token = (String) created.get("token");
        String id = (String) created.get("id");

        withToken(token).get("/api/v1/users/me").then().statusCode(200).body("username", equalTo(name));
        withToken(session).get("/api/v1/users/me/tokens").then().statusCode(200).body("name", hasItem("jenkins"))
                .body("token", not(hasItem(token))).body("[0].revokedAt", nullValue());
        as(unique("other"), "owner").get("/api/v1/users/" + name + "/tokens").then().statusCode(403);
        withToken(session).contentType("application/json").body(Map.of("name", "forever", "expiresAt", Instant.now()
                .plus(Duration.ofDays(5000)).toString())).post("/api/v1/users/me/tokens").then().statusCode(400)
                .body("field", equalTo("expiresAt"));

        withToken(session).delete("/api/v1/users/me/tokens/" + id).then().statusCode(204);
        withToken(token).get("/api/v1/users/me").then().statusCode(401).body("detail", containsString("revoked"));
        withToken(session).get("/api/v1/users/me/tokens").then().statusCode(200).body("[0].revokedAt", not(
                nullValue()));
    }
}
