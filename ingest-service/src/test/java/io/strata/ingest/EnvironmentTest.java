package io.strata.ingest;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Ports;
import io.strata.testing.PostgresCluster;
import io.strata.testing.SshServer;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;

/** Registering SSH environments against a real sshd, and discovery of PostgreSQL on this host. */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class EnvironmentTest {

    private static SshServer sshd;
    private static PostgresCluster source;

    @BeforeAll
    static void start() {
        sshd = SshServer.start();
        source = PostgresCluster.start(Map.of());
        source.execute("postgres", "create database appdb");
    }

    @AfterAll
    static void stop() {
        sshd.close();
        source.close();
    }

    private static Map<String, Object> ssh(String name, Map<String, Object> credentials, String hostKey) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", name, "kind", "ssh", "host", "127.0.0.1",
                "port", sshd.port(), "user", "root", "credentials", credentials));
        if (hostKey != null) {
            body.put("hostKey", hostKey);
        }
        return body;
    }

    @Test
    void anSshHostIsRegisteredWithItsKeyVerifiedAndItsCredentialsHidden() {
        String id = given().contentType("application/json").body(ssh("db-host-1", Map.of("privateKey", sshd
                .privateKey()), sshd.hostKey())).post("/api/v1/environments").then().statusCode(201)
                .body("credential", equalTo("privateKey")).body(not(containsString("PRIVATE KEY")))
                .extract().path("id");
        given().get("/api/v1/environments/" + id).then().statusCode(200).body("hostKey", containsString(
                "ssh-ed25519")).body(not(containsString("PRIVATE KEY")));
        given().get("/api/v1/environments").then().body("name", hasItem("local"));
        given().contentType("application/json").body(ssh("db-host-1", Map.of("privateKey", sshd.privateKey()), sshd
                .hostKey())).post("/api/v1/environments").then().statusCode(409);
        given().delete("/api/v1/environments/" + id).then().statusCode(204);
    }

    @Test
    void pinningOnFirstContactHappensOnlyWhenAskedFor() {
        given().contentType("application/json").body(ssh("db-host-2", Map.of("privateKey", sshd.privateKey()), null))
                .post("/api/v1/environments").then().statusCode(400).body("field", equalTo("hostKey"))
                .body("detail", containsString("ssh-keyscan")).body("detail", containsString("pinHostKey"));
        Map<String, Object> pinned = ssh("db-host-2", Map.of("privateKey", sshd.privateKey()), null);
        pinned.put("pinHostKey", true);
        given().contentType("application/json").body(pinned).post("/api/v1/environments").then().statusCode(201)
                .body("hostKey", equalTo(sshd.hostKey().strip().split(" ")[0] + " " + sshd.hostKey().strip().split(
                        " ")[1]));
    }

    @Test
    void badHostsKeysAndPasswordsAreRefusedWithWhatToDo() {
        given().contentType("application/json").body(ssh("x1", Map.of("privateKey", sshd.privateKey()), sshd
                .otherHostKey())).post("/api/v1/environments").then().statusCode(400)
                .body("field", equalTo("hostKey")).body("detail", containsString("does not match the pinned key"));
        given().contentType("application/json").body(ssh("x2", Map.of("privateKey", sshd.unknownPrivateKey()), sshd
                .hostKey())).post("/api/v1/environments").then().statusCode(400)
                .body("detail", containsString("refused the private key for user root"))
                .body("detail", containsString("authorized_keys"));
        given().contentType("application/json").body(ssh("x3", Map.of("password", "wrong"), sshd.hostKey())).post(
                "/api/v1/environments").then().statusCode(400).body("detail", containsString("refused the password"));
        Map<String, Object> nowhere = ssh("x4", Map.of("privateKey", sshd.privateKey()), sshd.hostKey());
        nowhere.put("port", Ports.free());
        given().contentType("application/json").body(nowhere).post("/api/v1/environments").then().statusCode(400)
                .body("detail", containsString("Cannot reach 127.0.0.1"));
        given().contentType("application/json").body(ssh("x5", Map.of(), sshd.hostKey())).post(
                "/api/v1/environments").then().statusCode(400).body("field", equalTo("credentials"));
        given().contentType("application/json").body(Map.of("name", "k", "kind", "telnet")).post(
                "/api/v1/environments").then().statusCode(400).body("field", equalTo("kind")).body("detail",
                        containsString("ssh or kubernetes"));
        given().get("/api/v1/environments").then().body("name", not(hasItem("x1")));
    }

    @Test
    void rotatedCredentialsAreCheckedOnTheHostBeforeTheyReplaceTheOldOnes() {
        try (SshServer rotating = SshServer.start()) {
            Map<String, Object> request = new java.util.HashMap<>(ssh("rotating", Map.of("privateKey", rotating
                    .privateKey()), rotating.hostKey()));
            request.put("port", rotating.port());
            String id = given().contentType("application/json").body(request).post("/api/v1/environments").then()
                    .statusCode(201).extract().path("id");
            String path = "/api/v1/environments/" + id + "/credentials";

            given().contentType("application/json").put(path).then().statusCode(400).body("detail", containsString(
                    "send a JSON body {\"credentials\""));
            given().contentType("application/json").body(Map.of("credentials", Map.of("privateKey", rotating
                    .privateKey(), "password", "both"))).put(path).then().statusCode(400).body("field", equalTo(
                            "credentials"));
            given().contentType("application/json").body(Map.of("credentials", Map.of("privateKey", rotating
                    .unknownPrivateKey()))).put(path).then().statusCode(400).body("detail", containsString(
                            "refused the private key"));
            given().contentType("application/json").body(Map.of("credentials", Map.of("password", "x"))).put(
                    "/api/v1/environments/local/credentials").then().statusCode(400).body("detail", containsString(
                            "only an SSH environment has credentials"));

            String rotated = rotating.rotateUserKey();
            given().contentType("application/json").body(Map.of("credentials", Map.of("privateKey", rotated))).put(
                    path).then().statusCode(200).body("credential", equalTo("privateKey")).body(not(containsString(
                            "PRIVATE KEY")));
            // The next command opens a new connection, with the new key.
            String jobId = given().contentType("application/json").post("/api/v1/environments/" + id + "/discover")
                    .then().statusCode(202).extract().path("jobId");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/jobs/" + jobId).then()
                    .body("state", equalTo("SUCCEEDED")));
            assertThat(rotating.log()).contains(rotating.rotatedKeyFingerprint());
            given().delete("/api/v1/environments/" + id).then().statusCode(204);
        }
    }

    @Test
    void theRequestsOwnFieldsAreRefusedBeforeTheHostIsTried() {
        given().contentType("application/json").post("/api/v1/environments").then().statusCode(400)
                .body("detail", startsWith("The request body is required: send a JSON body"));
        Map<String, Object> badName = ssh("-x", Map.of("privateKey", sshd.privateKey()), sshd.hostKey());
        given().contentType("application/json").body(badName).post("/api/v1/environments").then().statusCode(400)
                .body("field", equalTo("name")).body("detail", containsString("1 to 63 letters"));
        Map<String, Object> badPort = ssh("y1", Map.of("privateKey", sshd.privateKey()), sshd.hostKey());
        badPort.put("port", 65536);
        given().contentType("application/json").body(badPort).post("/api/v1/environments").then().statusCode(400)
                .body("field", equalTo("port")).body("detail", containsString("port must be between 1 and 65535"));
        given().contentType("application/json").body(Map.of("name", "y2", "kind", "kubernetes", "namespace", "Shop",
                "pod", "pg-0")).post("/api/v1/environments").then().statusCode(400)
                .body("field", equalTo("namespace")).body("detail", containsString("must be a Kubernetes name"));
        given().contentType("application/json").body(Map.of("name", "y3", "kind", "local")).post(
                "/api/v1/environments").then().statusCode(409).body("detail", containsString("exists already"));
        given().get("/api/v1/environments").then().body("name", not(hasItem("y1")));
    }

    @Test
    void discoveryFindsPostgresAndItsDatabases() {
        String jobId = given().contentType("application/json").body(Map.of("postgresql", Map.of("connection", Map.of(
                "host", "127.0.0.1", "port", source.port(), "user", source.superuser(), "password", source
                        .password()))))
                .post("/api/v1/environments/local/discover").then().statusCode(202).extract()
                .path("jobId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/jobs/" + jobId).then().body(
                "state", equalTo("SUCCEEDED")));
        given().get("/api/v1/environments/local/repositories").then().statusCode(200)
                .body("engine", hasItem("postgresql")).body("name", hasItem(containsString("PostgreSQL 15")));
        given().get("/api/v1/environments/local/source-configs").then().statusCode(200)
                .body("name", hasItem("appdb")).body(not(containsString(source.password())));
    }

    @Test
    void discoveryRefusesAConnectionItCouldNotUseNamingTheField() {
        given().contentType("application/json").body(Map.of("postgresql", Map.of("connection", Map.of("port", 0,
                "user", "postgres")))).post("/api/v1/environments/local/discover").then().statusCode(400)
                .body("field", equalTo("postgresql.connection.port"));
        given().contentType("application/json").body(Map.of("postgresql", Map.of("connection", Map.of("port",
                5432)))).post("/api/v1/environments/local/discover").then().statusCode(400)
                .body("field", equalTo("postgresql.connection.user"));
        given().contentType("application/json").body(Map.of("postgresql", Map.of("host", "127.0.0.1"))).post(
                "/api/v1/environments/local/discover").then().statusCode(400)
                .body("field", equalTo("postgresql.connection"));
        given().contentType("application/json").body(Map.of("mariadb", Map.of("connection", Map.of()))).post(
                "/api/v1/environments/local/discover").then().statusCode(400).body("field", equalTo(
                        "mariadb.connection.user"));
        given().contentType("application/json").body(Map.of("oracle", Map.of("connection", Map.of()))).post(
                "/api/v1/environments/local/discover").then().statusCode(400).body("field", equalTo("oracle"))
                .body("detail", containsString("not an engine"));
        given().post("/api/v1/environments/env-unknown/discover").then().statusCode(404);
    }
}
