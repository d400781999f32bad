package io.strata.it;

import static io.strata.testing.Api.anonymous;
import static io.strata.testing.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.testing.KafkaBroker;
import io.strata.testing.PostgresCluster;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;
import io.strata.testing.TestTokens;

/**
 * Signing in for real: the first admin's generated password, a session token and a personal access token used
 * through the router and on another service's own port, the access token revoked everywhere, and forged or expired
 * tokens refused by the router and by a service alike.
 */
class AuthIT {

    @Test
    void theFirstAdminSignsInMakesAPipelineTokenAndRevokingItLocksItOutEverywhere() throws Exception {
        PostgresCluster postgres = PostgresCluster.shared();
        KafkaBroker broker = KafkaBroker.shared();
        String prefix = Backbone.freshPrefix();
        try (StrataHome home = StrataHome.create();
                ServiceProcess catalog = ServiceProcess.of("catalog-service").withDatabase(postgres)
                        .withBroker(broker, prefix).with("strata.home", home.toString())
                        .with("strata.catalog.auth.admin-password", "").start();
                ServiceProcess ingest = ServiceProcess.of("ingest-service").withDatabase(postgres)
                        .withBroker(broker, prefix).with("strata.home", home.toString()).start();
                ServiceProcess router = ServiceProcess.of("router")
                        .with("strata.router.services.catalog.url", catalog.baseUrl())
                        .with("strata.router.services.ingest.url", ingest.baseUrl()).start()) {
            Path passwordFile = home.path().resolve("admin-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo(
                    "rw-------");
            String password = Files.readString(passwordFile).strip();
            assertThat(catalog.log()).doesNotContain(password);

            String session = anonymous().baseUri(router.baseUrl()).contentType("application/json").body(Map.of(
                    "username", "admin", "password", password)).post("/api/v1/auth/token").then().statusCode(200)
                    .extract().path("token");
            String pipeline = withToken(session).baseUri(router.baseUrl()).contentType("application/json").body(
                    Map.of("name", "jenkins")).post("/api/v1/users/me/tokens").then().statusCode(201).extract()
                    .path("token");
            String tokenId = withToken(session).baseUri(router.baseUrl()).get("/api/v1/users/me/tokens").then()
                    .statusCode(200).extract().path("[0].id");

            withToken(pipeline).baseUri(router.baseUrl()).get("/api/v1/environments").then().statusCode(200);
            withToken(pipeline).baseUri(ingest.baseUrl()).get("/api/v1/environments").then().statusCode(200);

            withToken(session).baseUri(router.baseUrl()).delete("/api/v1/users/me/tokens/" + tokenId).then()
                    .statusCode(204);
            withToken(pipeline).baseUri(router.baseUrl()).get("/api/v1/users/me").then().statusCode(401)
                    .body("detail", containsString("revoked"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> withToken(pipeline).baseUri(ingest
                    .baseUrl()).get("/api/v1/environments").then().statusCode(401).body("detail", containsString(
                            "revoked")));
            withToken(session).baseUri(ingest.baseUrl()).get("/api/v1/environments").then().statusCode(200);

            for (String base : List.of(router.baseUrl(), ingest.baseUrl())) {
                withToken(TestTokens.forged("admin", List.of("admin"))).baseUri(base).get("/api/v1/environments")
                        .then().statusCode(401).contentType("application/problem+json").body("detail",
                                containsString("signature"));
                withToken(TestTokens.expired("admin", List.of("admin"))).baseUri(base).get("/api/v1/environments")
                        .then().statusCode(401).body("detail", containsString("expired"));
                anonymous().baseUri(base).get("/api/v1/environments").then().statusCode(401).body("status",
                        equalTo(401));
            }
            assertThat(catalog.log() + ingest.log() + router.log()).doesNotContain(session).doesNotContain(
                    pipeline).doesNotContain(password);
        }
    }
}
