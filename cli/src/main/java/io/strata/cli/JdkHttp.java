package io.strata.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** {@link Http} through the JDK's {@link HttpClient}, made in the background as the command line is read. */
public final class JdkHttp implements Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<HttpClient> client = Background.start("http", () -> HttpClient.newBuilder().version(
            HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());

    @Override
    public Answer send(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
