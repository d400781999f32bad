package io.strata.router;

import static io.strata.testing.Api.anonymous;
import static io.strata.testing.Api.given;
import static io.strata.testing.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.TestTokens;

@QuarkusTest
@WithTestResource(EchoBackend.class)
class ApiRouterTest {

    /** Larger than any buffer on the way, so that the answer has to stream. */
    private static final int LARGE = 8 * 1024 * 1024;
    /** Several MB, yet under the 10 MB that Quarkus allows a request with a Content-Length by default. */
    private static final int LARGE_UPLOAD = 6 * 1024 * 1024;

    /** HTTP/1.1 on purpose: the default would try an h2c upgrade, and chunking is an HTTP/1.1 matter. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/")
    URI router;

    @Test
    void aRequestReachesTheOwningServiceUnchanged() {
        String token = TestTokens.of("qa", List.of("owner"));
        withToken(token).body("{\"name\":\"x\"}").contentType("application/json")
                .post("/api/v1/jobs/42/cancel?reason=test").then().statusCode(200)
                .header("X-Backend", "catalog").header("X-Seen-Forwarded-For", "127.0.0.1")
                .body(equalTo("POST /api/v1/jobs/42/cancel?reason=test auth=Bearer " + token
                        + " body={\"name\":\"x\"}"));
    }

    @Test
    void aRequestWithoutAValidTokenIsRefusedWithoutReachingTheService() {
        anonymous().get("/api/v1/jobs/1").then().statusCode(401).contentType("application/problem+json")
                .header("X-Backend", nullValue()).body("detail", containsString("POST /api/v1/auth/token"));
        withToken(TestTokens.forged("admin", List.of("admin"))).get("/api/v1/jobs/1").then().statusCode(401)
                .header("X-Backend", nullValue()).body("detail", containsString("signature"));
        withToken(TestTokens.expired("admin", List.of("admin"))).get("/api/v1/jobs/1").then().statusCode(401)
                .body("detail", containsString("expired"));
        withToken("garbage").get("/api/v1/jobs/1").then().statusCode(401);
    }

    @Test
    void signingInNeedsNoToken() {
        anonymous().contentType("application/json").body("{}").post("/api/v1/auth/token").then().statusCode(200)
                .header("X-Backend", "catalog");
    }

    @Test
    void theServiceStatusComesBackAsIs() {
        given().get("/api/v1/bookmarks/missing").then().statusCode(404).header("X-Backend", "catalog");
    }

    @Test
    void anUnknownResourceIsA404ThatListsTheKnownOnes() {
        given().get("/api/v1/widgets").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"))
                .body("detail", containsString("No API resource 'widgets'"))
                .body("detail", containsString("vdbs"));
    }

    @Test
    void aServiceThatDoesNotAnswerIsA503ThatSaysWhatToDo() {
        given().get("/api/v1/sources").then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"))
                .body("detail", containsString("The ingest service at http://127.0.0.1:"))
                .body("detail", containsString("Start it with `make up`; `make status` shows what runs."));
    }

    @Test
    void aLargeChunkedAnswerArrivesWholeAndByteIdentical() throws Exception {
        HttpResponse<byte[]> response = get(EchoBackend.CHUNKED + "?bytes=" + LARGE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.body()).isEqualTo(EchoBackend.payload(LARGE));
    }

    @Test
    void aLargeAnswerWithContentLengthArrivesWholeAndByteIdentical() throws Exception {
        HttpResponse<byte[]> response = get(EchoBackend.SIZED + "?bytes=" + LARGE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(LARGE));
        assertThat(response.body()).isEqualTo(EchoBackend.payload(LARGE));
    }

    @Test
    void aLargeChunkedRequestBodyReachesTheServiceIntact() throws Exception {
        byte[] upload = EchoBackend.payload(LARGE_UPLOAD);

        // A publisher of unknown length makes the client send the body chunked.
        HttpResponse<String> response = post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("bytes=" + LARGE_UPLOAD + " sha256=" + EchoBackend.sha256(upload)
                + " transfer-encoding=chunked content-length=null");
    }

    @Test
    void aLargeRequestBodyWithContentLengthReachesTheServiceIntact() throws Exception {
        byte[] upload = EchoBackend.payload(LARGE_UPLOAD);

        HttpResponse<String> response = post(BodyPublishers.ofByteArray(upload));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("bytes=" + LARGE_UPLOAD + " sha256=" + EchoBackend.sha256(upload)
                + " transfer-encoding=null content-length=" + LARGE_UPLOAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "sized"})
    void anAnswerTheServiceBreaksOffReachesTheClientBrokenAndTheRouterCarriesOn(String framing) throws Exception {
        assertThatThrownBy(() -> get(EchoBackend.BROKEN + "?framing=" + framing))
                .as("an answer cut off by the service must not look complete").isInstanceOf(IOException.class);

        HttpResponse<byte[]> next = get("/api/v1/jobs/7");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(new String(next.body())).startsWith("GET /api/v1/jobs/7 ");
    }

    private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return exchange(HttpRequest.newBuilder(router.resolve(pathAndQuery)).header("Authorization", "Bearer "
                + TestTokens.admin()).build(), BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(BodyPublisher body) throws Exception {
        return exchange(HttpRequest.newBuilder(router.resolve(EchoBackend.UPLOAD))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/octet-stream").POST(body).build(), BodyHandlers.ofString());
    }

    /**
     * Sends the request and reads the whole answer. A request's own timeout ends with the status line; this one also
     * covers the body, so that a stream that stalls half-way fails the test instead of hanging it.
     */
    private static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws Exception {
        try {
            return HTTP.sendAsync(request, body).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : e;
        }
    }
}
